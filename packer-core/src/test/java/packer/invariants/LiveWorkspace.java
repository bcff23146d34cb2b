package packer.invariants;

import packer.fs.FileTrees;
import packer.fs.NoSyncDisk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import packer.declaration.DeclarationReader;
import packer.id.AssetId;
import packer.journal.IntentJournal;
import packer.lane.Command;
import packer.lane.CommandRejected;
import packer.lane.Receipt;
import packer.lock.WorkspaceLockedException;
import packer.path.WorkspacePath;
import packer.scan.FolderScan;
import packer.scan.Sha256;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;
import packer.workspace.NotAWorkspaceException;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * A real workspace in a temporary folder, the {@link Step}s a property applies to it, and the
 * {@link IdentityModel} it is checked against after each of them.
 *
 * <p>Two views are checked after every step: the lane's current snapshot and a fresh read of the
 * disk. Nothing here watches the files, so after an author's change by hand the lane's view is
 * <em>stale</em> until the next reopen. Commands sent meanwhile are planned against the stale view:
 * the lane may then refuse them, but whatever it accepts must leave the invariants holding on disk.
 * Where the view is current, the lane must accept exactly the commands that are valid.
 */
final class LiveWorkspace implements AutoCloseable {

  /** Destinations: few enough that they collide; one would nest inside another asset. */
  static final List<String> FOLDERS = List.of(
      "assets/hero", "assets/tree", "assets/rock", "props/crate", "props/lamp", "levels/one", "levels/two",
      "assets/hero/deep");

  /** Names: few enough that they collide; the last one is not a valid name. */
  static final List<String> NAMES = List.of("hero", "tree", "rock", "sky", "héros", " sky ");

  /** Every open draws ids from the same sequence, so each reopen first redraws the ids already taken. */
  private static final long SEED = 7;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final Path input;
  private final IdentityModel model = new IdentityModel();
  private final List<String> history = new ArrayList<>();
  private final List<Consumer<Snapshot>> afterwards = new ArrayList<>();
  private Workspace workspace;
  private Snapshot onDisk;
  private boolean stale;

  private LiveWorkspace(Path root, Path input) {
    this.root = root;
    this.input = input;
  }

  /** A new workspace in {@code dir}, open for writing, with an input file outside it to copy in. */
  static LiveWorkspace create(Path dir) throws IOException {
    Path root = Workspace.init(dir.resolve("game"), "game");
    Path input = dir.resolve("outside").resolve("data.bin");
    Files.createDirectories(input.getParent());
    Files.write(input, new byte[] {1, 2, 3, 4});
    LiveWorkspace live = new LiveWorkspace(root, input);
    live.open();
    live.checkInvariants();
    return live;
  }

  /** Applies one step, then checks every invariant on the lane's view and on a fresh read. */
  void run(Step step) throws IOException {
    try {
      afterwards.clear();
      String outcome = apply(step);
      history.add(step + " -> " + outcome);
      checkInvariants();
    } catch (AssertionError e) {
      throw new AssertionError("after " + String.join("\n  ", history) + "\nthen " + step + ":\n" + e.getMessage(), e);
    }
  }

  private String apply(Step step) throws IOException {
    return switch (step.action()) {
      case CREATE -> create(step);
      case ADOPT_HANDMADE -> adoptHandmade(step);
      case ADOPT_UNREGISTERED -> adoptUnregistered(step);
      case RENAME -> rename(step);
      case MOVE -> move(step);
      case UPDATE -> update(step);
      case REMOVE -> remove(step);
      case RELOCATE -> relocate(step);
      case EXTERNAL_MOVE -> externalMove(step, false);
      case EXTERNAL_COPY -> externalMove(step, true);
      case EXTERNAL_EDIT -> externalEdit(step);
      case EXTERNAL_DELETE -> externalDelete(step);
      case REOPEN -> {
        reopen();
        yield "reopened";
      }
    };
  }

  // ---- Lane commands ----

  private String create(Step step) throws IOException {
    String folder = pick(FOLDERS, step.folder());
    Optional<String> name = step.flag() ? Optional.of(pick(NAMES, step.name())) : Optional.empty();
    String effective = name.orElse(WorkspacePath.lastSegment(folder));
    List<Path> inputs = step.asset() % 2 == 0 ? List.of(input) : List.of();
    Snapshot lane = workspace.snapshot();
    boolean valid = isFree(folder) && isValidName(effective) && nameHolder(lane, effective, "").isEmpty();
    Result result = submit(new Command.Create(folder, name, "blob", inputs, List.of()));
    expect(result, valid);
    if (result.accepted()) {
      AssetId id = result.receipt().id();
      model.issued(id, folder);
      afterwards.add(disk -> {
        Asset asset = disk.byId(id).orElseThrow();
        assertThat(asset.folder()).as("folder of the created %s", id).isEqualTo(folder);
        assertThat(asset.name()).as("name of the created %s", id).contains(effective);
        assertThat(asset.inputs()).as("inputs of the created %s", id).hasSize(inputs.size());
        if (!stale) { // Else a name taken by hand since the lane last looked is a reported duplicate.
          assertThat(asset.state()).as("state of the created %s", id).isEqualTo(AssetState.REGISTERED);
        }
      });
    }
    return result.describe();
  }

  private String adoptHandmade(Step step) throws IOException {
    String folder = pick(FOLDERS, step.folder());
    if (!isFree(folder)) {
      return "skipped: " + folder + " is taken";
    }
    String name = pick(NAMES, step.name());
    ObjectNode json = JSON.createObjectNode().put("name", name).put("type", "blob");
    Path dir = Files.createDirectories(root.resolve(folder));
    if (step.flag()) {
      Files.writeString(dir.resolve("notes.txt"), "by hand\n", StandardCharsets.UTF_8);
      json.putArray("inputs").add("notes.txt");
    }
    byte[] declaration = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    Files.write(dir.resolve(DeclarationReader.FILE_NAME), declaration);
    reopen();
    Result result = submit(new Command.Adopt(folder));
    expect(result, isValidName(name));
    if (result.accepted()) {
      AssetId id = result.receipt().id();
      model.issued(id, folder);
      afterwards.add(disk -> {
        assertThat(disk.byId(id).orElseThrow().folder()).as("folder of the adopted %s", id).isEqualTo(folder);
        assertThat(read(folder)).as("%s/asset.json after adopt: identity lives in the registry", folder)
            .isEqualTo(declaration);
      });
    }
    return result.describe();
  }

  private String adoptUnregistered(Step step) throws IOException {
    List<Asset> unregistered = workspace.snapshot().assets().stream().filter(a -> a.id().isEmpty()).toList();
    if (unregistered.isEmpty()) {
      return "skipped: nothing without an id";
    }
    Asset asset = pick(unregistered, step.asset());
    Result result = submit(new Command.Adopt(asset.folder()));
    expect(result, asset.declaration().isPresent());
    if (result.accepted()) {
      AssetId id = result.receipt().id();
      model.issued(id, asset.folder());
      afterwards.add(disk -> {
        Asset adopted = disk.byId(id).orElseThrow();
        assertThat(adopted.folder()).as("folder of the adopted %s", id).isEqualTo(asset.folder());
        assertThat(adopted.state()).as("state of the adopted %s", id).isNotEqualTo(AssetState.MISSING);
      });
    }
    return result.describe();
  }

  private String rename(Step step) throws IOException {
    Optional<AssetId> target = pickId(step.asset());
    if (target.isEmpty()) {
      return "skipped: no ids";
    }
    AssetId id = target.get();
    Snapshot lane = workspace.snapshot();
    Optional<Asset> asset = lane.byId(id);
    String folder = asset.map(Asset::folder).orElse("");
    String newName = step.flag() ? takenName(lane, folder, step.name()) : pick(NAMES, step.name());
    boolean taken = nameHolder(lane, newName, folder).isPresent();
    boolean valid = isPresent(asset) && isValidName(newName) && !taken;
    Result result = submit(new Command.Rename(id, newName));
    expect(result, valid);
    if (taken && isPresent(asset)) {
      assertThat(result.rejection().reason()).as("why a rename to a taken name is refused")
          .isEqualTo(CommandRejected.Reason.INVALID);
    }
    if (result.accepted()) {
      assertThat(result.receipt().id()).isEqualTo(id);
      afterwards.add(disk -> {
        Asset renamed = disk.byId(id).orElseThrow();
        assertThat(renamed.folder()).as("folder of the renamed %s", id).isEqualTo(folder);
        assertThat(renamed.name()).as("name of the renamed %s", id).contains(newName);
      });
    }
    return result.describe();
  }

  private String move(Step step) throws IOException {
    Optional<AssetId> target = pickId(step.asset());
    if (target.isEmpty()) {
      return "skipped: no ids";
    }
    AssetId id = target.get();
    Optional<Asset> asset = workspace.snapshot().byId(id);
    String to = pick(FOLDERS, step.folder());
    boolean valid = isPresent(asset) && isFree(to);
    Result result = submit(new Command.Move(id, to));
    expect(result, valid);
    if (result.accepted()) {
      assertThat(result.receipt().id()).isEqualTo(id);
      model.rebound(id, to);
      String from = asset.orElseThrow().folder();
      Optional<String> name = asset.get().name();
      afterwards.add(disk -> {
        Asset moved = disk.byId(id).orElseThrow();
        assertThat(moved.state()).as("state of the moved %s", id).isNotEqualTo(AssetState.MISSING);
        assertThat(moved.name()).as("name of the moved %s", id).isEqualTo(name);
        assertThat(root.resolve(from)).as("the old folder of %s", id).doesNotExist();
      });
    }
    return result.describe();
  }

  private String update(Step step) throws IOException {
    Optional<AssetId> target = pickId(step.asset());
    if (target.isEmpty()) {
      return "skipped: no ids";
    }
    AssetId id = target.get();
    Snapshot lane = workspace.snapshot();
    Optional<Asset> asset = lane.byId(id);
    String folder = asset.map(Asset::folder).orElse("");
    String newName = step.flag() ? takenName(lane, folder, step.name()) : pick(NAMES, step.name());
    ObjectNode json = JSON.createObjectNode().put("name", newName).put("type", "blob");
    List<String> inputs = asset.flatMap(Asset::declaration).map(d -> d.inputs()).orElse(List.of());
    if (!inputs.isEmpty()) {
      inputs.forEach(json.putArray("inputs")::add);
    }
    json.putArray("tags").add("updated");
    byte[] content = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    boolean valid = isPresent(asset) && isValidName(newName) && nameHolder(lane, newName, folder).isEmpty()
        && asset.get().inputs().size() == inputs.size();
    Result result = submit(new Command.Update(id, content));
    expect(result, valid);
    if (result.accepted()) {
      assertThat(result.receipt().id()).isEqualTo(id);
      afterwards.add(disk -> {
        Asset updated = disk.byId(id).orElseThrow();
        assertThat(updated.folder()).as("folder of the updated %s", id).isEqualTo(folder);
        assertThat(updated.name()).as("name of the updated %s", id).contains(newName);
        assertThat(read(folder)).as("%s/asset.json after update", folder).isEqualTo(content);
      });
    }
    return result.describe();
  }

  private String remove(Step step) throws IOException {
    Optional<AssetId> target = pickId(step.asset());
    if (target.isEmpty()) {
      return "skipped: no ids";
    }
    AssetId id = target.get();
    Snapshot lane = workspace.snapshot();
    Optional<Asset> asset = lane.byId(id);
    boolean keepFiles = step.flag();
    boolean editedByHand = asset.isPresent() && isEditedSinceRead(lane, asset.get().folder());
    Result result = submit(new Command.Remove(id, keepFiles));
    expect(result, asset.isPresent());
    if (result.accepted()) {
      String folder = asset.orElseThrow().folder();
      boolean present = asset.get().state() != AssetState.MISSING;
      assertThat(editedByHand && !keepFiles)
          .as("the lane deleted %s, whose asset.json an author changed since the lane read it", folder)
          .isFalse();
      model.retired(id);
      afterwards.add(disk -> {
        if (present && !keepFiles) {
          assertThat(root.resolve(folder)).as("the folder of the removed %s", id).doesNotExist();
        }
        disk.byFolder(folder).ifPresent(left ->
            assertThat(left.id()).as("id of what is left at %s after removing %s", folder, id).isEmpty());
      });
    }
    return result.describe();
  }

  private String relocate(Step step) throws IOException {
    Snapshot lane = workspace.snapshot();
    List<Asset> missing = lane.assets().stream().filter(a -> a.state() == AssetState.MISSING).toList();
    List<Asset> unregistered = lane.assets().stream().filter(a -> a.id().isEmpty()).toList();
    if (missing.isEmpty() || unregistered.isEmpty()) {
      return "skipped: nothing to relocate";
    }
    AssetId id = pick(missing, step.asset()).id().orElseThrow();
    String to = pick(unregistered, step.folder()).folder();
    Result result = submit(new Command.Relocate(id, to));
    expect(result, true);
    if (result.accepted()) {
      assertThat(result.receipt().id()).isEqualTo(id);
      model.rebound(id, to);
      afterwards.add(disk -> assertThat(disk.byId(id).orElseThrow().state()).as("state of the relocated %s", id)
          .isNotEqualTo(AssetState.MISSING));
    }
    return result.describe();
  }

  // ---- What authors do by hand ----

  private String externalMove(Step step, boolean copy) throws IOException {
    List<String> present = new ArrayList<>(onDisk.state().folders().keySet());
    if (present.isEmpty()) {
      return "skipped: no asset folders";
    }
    String from = pick(present, step.asset());
    String to = pick(FOLDERS, step.folder());
    if (!isFreeOnDisk(to)) {
      return "skipped: " + to + " is taken";
    }
    Files.createDirectories(root.resolve(to).getParent());
    if (copy) {
      FileTrees.copy(root.resolve(from), root.resolve(to));
      if (!model.bindings().containsValue(to)) { // Else the copy fills in for a missing asset.
        afterwards.add(disk -> assertThat(disk.byFolder(to).orElseThrow().id())
            .as("id of %s, a copy of %s", to, from).isEmpty());
      }
    } else {
      Files.move(root.resolve(from), root.resolve(to));
    }
    stale = true;
    return (copy ? "copied " : "moved ") + from + " to " + to;
  }

  private String externalEdit(Step step) throws IOException {
    List<String> present = new ArrayList<>(onDisk.state().folders().keySet());
    if (present.isEmpty()) {
      return "skipped: no asset folders";
    }
    String folder = pick(present, step.asset());
    String name = step.flag() ? takenName(onDisk, folder, step.name()) : pick(NAMES, step.name());
    ObjectNode json = JSON.readTree(read(folder)) instanceof ObjectNode object ? object : JSON.createObjectNode();
    json.put("name", name);
    Files.write(root.resolve(folder).resolve(DeclarationReader.FILE_NAME),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
    stale = true;
    return "named " + folder + " '" + name + "'";
  }

  private String externalDelete(Step step) throws IOException {
    List<String> present = new ArrayList<>(onDisk.state().folders().keySet());
    if (present.isEmpty()) {
      return "skipped: no asset folders";
    }
    String folder = pick(present, step.asset());
    FileTrees.delete(root.resolve(folder));
    stale = true;
    return "deleted " + folder;
  }

  // ---- Checks ----

  /** Runs a command; a refused one must leave every file and the lane's view as they were. */
  private Result submit(Command command) throws IOException {
    SortedMap<String, String> before = TreeDump.of(root);
    Snapshot viewBefore = workspace.snapshot();
    try {
      return new Result(workspace.execute(command), null);
    } catch (CommandRejected rejected) {
      assertThat(TreeDump.of(root)).as("files after the refused %s (%s)", command, rejected.getMessage())
          .isEqualTo(before);
      assertThat(workspace.snapshot()).as("the lane's view after the refused %s", command).isSameAs(viewBefore);
      return new Result(null, rejected);
    }
  }

  /** An invalid command is always refused; a valid one is accepted whenever the lane's view is current. */
  private void expect(Result result, boolean valid) {
    if (!valid) {
      assertThat(result.accepted()).as("the lane accepted an invalid command: %s", result.describe()).isFalse();
    } else if (!stale) {
      assertThat(result.accepted()).as("the lane refused a valid command: %s", result.describe()).isTrue();
    }
  }

  private void checkInvariants() throws IOException {
    Snapshot lane = workspace.snapshot();
    onDisk = readFresh();
    WorkspaceInvariants.check(lane, model);
    WorkspaceInvariants.check(onDisk, model);
    WorkspaceInvariants.checkAgainstDisk(onDisk, root);
    for (Consumer<Snapshot> check : afterwards) {
      check.accept(onDisk);
    }
    if (!stale) {
      assertThat(lane.assets()).as("the lane's view of the assets, against a fresh read").isEqualTo(onDisk.assets());
      assertThat(lane.diagnostics()).as("the lane's diagnostics, against a fresh read")
          .isEqualTo(onDisk.diagnostics());
    }
    Path journal = root.resolve(IntentJournal.FOLDER);
    if (Files.isDirectory(journal)) {
      try (Stream<Path> left = Files.list(journal)) {
        assertThat(left).as("the journal between commits").isEmpty();
      }
    }
  }

  private Snapshot readFresh() throws IOException {
    try (Workspace reader = Workspace.openForReading(root, options())) {
      return reader.snapshot();
    } catch (NotAWorkspaceException e) {
      throw new AssertionError(root + " is no longer a workspace", e);
    }
  }

  private void open() throws IOException {
    try {
      workspace = Workspace.openForWriting(root, options(), "property test");
    } catch (NotAWorkspaceException | WorkspaceLockedException e) {
      throw new AssertionError("cannot open " + root + " again", e);
    }
    assertThat(workspace.recoveryEvents()).as("recovery on open").isEmpty();
    stale = false;
  }

  private void reopen() throws IOException {
    workspace.close();
    open();
  }

  private static Options options() {
    return Options.defaults().withDisk(new NoSyncDisk()).withRandom(new Random(SEED));
  }

  @Override
  public void close() throws IOException {
    workspace.close();
  }

  // ---- Choosing ----

  private static <T> T pick(List<T> from, int index) {
    return from.get(index % from.size());
  }

  /** Live ids first, then retired ones, which every command must refuse. */
  private Optional<AssetId> pickId(int index) {
    List<AssetId> ids = new ArrayList<>(model.bindings().keySet());
    ids.addAll(model.retired());
    return ids.isEmpty() ? Optional.empty() : Optional.of(pick(ids, index));
  }

  /** The name of another asset than the one in {@code folder}, when there is one. */
  private static String takenName(Snapshot snapshot, String folder, int index) {
    TreeSet<String> names = new TreeSet<>();
    for (FolderScan scan : snapshot.state().folders().values()) {
      if (!scan.folder().equals(folder)) {
        scan.declaration().ifPresent(d -> names.add(d.name()));
      }
    }
    return names.isEmpty() ? pick(NAMES, index) : pick(new ArrayList<>(names), index);
  }

  /** The folder, other than {@code except}, whose asset is named {@code name} in the snapshot. */
  private static Optional<String> nameHolder(Snapshot snapshot, String name, String except) {
    return snapshot.state().folders().values().stream()
        .filter(scan -> !scan.folder().equals(except))
        .filter(scan -> scan.declaration().map(d -> d.name().equals(name)).orElse(false))
        .map(FolderScan::folder)
        .findFirst();
  }

  /** Whether {@code folder} holds another asset.json than the one the snapshot read. */
  private boolean isEditedSinceRead(Snapshot snapshot, String folder) throws IOException {
    FolderScan scan = snapshot.state().folders().get(folder);
    Path file = root.resolve(folder).resolve(DeclarationReader.FILE_NAME);
    return scan != null && Files.isRegularFile(file)
        && !Sha256.hex(Files.readAllBytes(file)).equals(scan.declarationHash());
  }

  private static boolean isValidName(String name) {
    return packer.declaration.NameRules.problem(name) == null;
  }

  private static boolean isPresent(Optional<Asset> asset) {
    return asset.isPresent() && asset.get().state() != AssetState.MISSING;
  }

  /**
   * Whether a new asset could go to {@code folder}: nothing there, no asset folder above it, and no
   * id bound to it (a missing asset keeps its folder until it is relocated or removed).
   */
  private boolean isFree(String folder) {
    return isFreeOnDisk(folder) && !model.bindings().containsValue(folder);
  }

  /** Whether an author could move or copy a folder to {@code folder}, bound to a missing asset or not. */
  private boolean isFreeOnDisk(String folder) {
    if (Files.exists(root.resolve(folder))) {
      return false;
    }
    for (String parent = WorkspacePath.parent(folder); !parent.isEmpty(); parent = WorkspacePath.parent(parent)) {
      if (Files.exists(root.resolve(parent).resolve(DeclarationReader.FILE_NAME))) {
        return false;
      }
    }
    return true;
  }

  private byte[] read(String folder) {
    try {
      return Files.readAllBytes(root.resolve(folder).resolve(DeclarationReader.FILE_NAME));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + folder + "/asset.json", e);
    }
  }

  /** A command's receipt, or why the lane refused it. */
  private record Result(Receipt receipt, CommandRejected rejection) {
    boolean accepted() {
      return receipt != null;
    }

    String describe() {
      return accepted() ? "accepted " + receipt.id() : "refused " + rejection.reason() + ": " + rejection.getMessage();
    }
  }
}
