package packer.lane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import packer.declaration.AssetTypes;
import packer.declaration.Declaration;
import packer.declaration.DeclarationReader;
import packer.declaration.NameRules;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.json.CanonicalJson;
import packer.json.JsonDocument;
import packer.json.JsonSyntaxException;
import packer.path.PathOrder;
import packer.path.WorkspacePath;
import packer.registry.RegistryRecord;
import packer.scan.FolderScan;
import packer.scan.FolderScanner;
import packer.scan.ResolvedInput;
import packer.scan.Sha256;
import packer.snapshot.Asset;
import packer.snapshot.Snapshot;
import packer.snapshot.WorkspaceState;

/**
 * Plans the commands of one group commit against a working state, adding each accepted command's
 * operations to one transaction. A command is checked completely before it adds anything, so a
 * rejected command leaves the transaction as it was.
 *
 * <p>Commands in one batch touch disjoint assets and folders ({@link #touches}); the lane closes a
 * batch before a command that would overlap, so each plan can read the disk as its truth.
 */
final class BatchPlanner implements Command.Visitor<Receipt> {

  private final Path root;
  private final FolderScanner scanner;
  private final AssetTypes types;
  private final RandomGenerator random;
  private final long nextVersion;
  private final packer.journal.Transaction tx;
  private final Snapshot base;
  private WorkspaceState state;
  private final Set<String> touched = new HashSet<>();
  private final SortedSet<String> changedFolders = new TreeSet<>(PathOrder.COMPARATOR);
  private final SortedSet<AssetId> changedIds = new TreeSet<>();
  private final SortedSet<String> rescans = new TreeSet<>(PathOrder.COMPARATOR);

  BatchPlanner(Path root, FolderScanner scanner, AssetTypes types, RandomGenerator random,
      Snapshot base, packer.journal.Transaction tx) {
    this.root = root;
    this.scanner = scanner;
    this.types = types;
    this.random = random;
    this.base = base;
    this.state = base.state();
    this.nextVersion = base.version() + 1;
    this.tx = tx;
  }

  WorkspaceState state() {
    return state;
  }

  /** The folders whose scan this batch changed (or removed). */
  SortedSet<String> changedFolders() {
    return changedFolders;
  }

  /** The ids whose registry record this batch changed. */
  SortedSet<AssetId> changedIds() {
    return changedIds;
  }

  private void withFolder(FolderScan scan) {
    state = state.withFolder(scan);
    changedFolders.add(scan.folder());
  }

  private void withoutFolder(String folder) {
    state = state.withoutFolder(folder);
    changedFolders.add(folder);
  }

  private void withRecord(RegistryRecord record) {
    state = state.withRecord(record);
    changedIds.add(record.id());
  }

  /** Folders whose scan must be read again from disk once the transaction is applied. */
  SortedSet<String> rescans() {
    return rescans;
  }

  boolean isEmpty() {
    return touched.isEmpty();
  }

  /** Whether {@code command} touches an asset or folder that this batch already touches. */
  boolean touches(Command command) {
    for (String key : keysOf(command)) {
      if (touched.contains(key)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> keysOf(Command command) {
    Set<String> keys = new HashSet<>();
    if (command instanceof Command.Create c) {
      keys.add("folder:" + c.folder());
    } else if (command instanceof Command.Adopt a) {
      keys.add("folder:" + a.folder());
    } else if (command instanceof Command.Rename r) {
      keys.add("id:" + r.id());
    } else if (command instanceof Command.Move m) {
      keys.add("id:" + m.id());
      keys.add("folder:" + m.newFolder());
    } else if (command instanceof Command.Update u) {
      keys.add("id:" + u.id());
    } else if (command instanceof Command.Remove r) {
      keys.add("id:" + r.id());
    } else if (command instanceof Command.Relocate r) {
      keys.add("id:" + r.id());
      keys.add("folder:" + r.newFolder());
    }
    return keys;
  }

  private void touch(Command command) {
    touched.addAll(keysOf(command));
  }

  /**
   * Names are unique: rename, update and create check against every other asset's name, through
   * the base snapshot's name index and the folders this batch changed.
   */
  private void checkNameFree(String name, Optional<String> exceptFolder) throws CommandRejected {
    String problem = NameRules.problem(name);
    if (problem != null) {
      throw Placement.invalid(problem);
    }
    List<String> holders = new ArrayList<>();
    for (Asset asset : base.byName(name)) {
      if (!changedFolders.contains(asset.folder())) {
        holders.add(asset.folder());
      }
    }
    for (String folder : changedFolders) {
      FolderScan scan = state.folders().get(folder);
      if (scan != null && scan.declaration().isPresent() && scan.declaration().get().name().equals(name)) {
        holders.add(folder);
      }
    }
    holders.sort(PathOrder.COMPARATOR);
    for (String folder : holders) {
      if (exceptFolder.isEmpty() || !exceptFolder.get().equals(folder)) {
        throw Placement.invalid("the name '" + name + "' is taken by " + folder + "; names are unique");
      }
    }
  }

  /** The id bound to {@code folder} in the working state, if any (the lowest, after a bad merge). */
  private Optional<AssetId> boundTo(String folder) {
    SortedSet<AssetId> ids = new TreeSet<>();
    for (AssetId id : base.idsBoundTo(folder)) {
      if (!changedIds.contains(id)) {
        ids.add(id);
      }
    }
    for (AssetId id : changedIds) {
      if (state.registry().get(id).orElse(null) instanceof RegistryRecord.Bound b && b.folder().equals(folder)) {
        ids.add(id);
      }
    }
    return ids.isEmpty() ? Optional.empty() : Optional.of(ids.first());
  }

  /**
   * While a registry record does not parse (say, after a merge conflict), the folder it binds
   * looks unregistered: adopting it then would give it a second id.
   */
  private void refuseWhileTheRegistryIsUnreadable() throws CommandRejected {
    for (Diagnostic problem : state.sourceDiagnostics()) {
      if (problem.code() == packer.diagnostic.Code.BAD_REGISTRY_RECORD || problem.code() == packer.diagnostic.Code.ID_BOUND_TWICE) {
        throw Placement.invalid("the registry has a record that does not parse or disagrees (" + problem.file()
            + "); fix it first (packer check), or a folder it binds could get a second id");
      }
    }
  }

  private RegistryRecord.Bound bound(AssetId id) throws CommandRejected {
    Optional<RegistryRecord> record = state.registry().get(id);
    if (record.isEmpty()) {
      throw new CommandRejected(CommandRejected.Reason.NOT_FOUND, "no asset has the id " + id);
    }
    if (record.get() instanceof RegistryRecord.Bound bound) {
      return bound;
    }
    throw new CommandRejected(CommandRejected.Reason.NOT_FOUND,
        "asset " + id + " was removed; its id is retired and cannot be used again");
  }

  private FolderScan present(RegistryRecord.Bound bound) throws CommandRejected {
    FolderScan scan = state.folders().get(bound.folder());
    if (scan == null) {
      throw Placement.invalid("asset " + bound.id() + " is missing: " + bound.folder()
          + " has no asset.json; use packer relocate " + bound.id() + " NEW_FOLDER, or packer doctor --fix");
    }
    return scan;
  }

  /** The asset.json bytes on disk, which must be those the working state was read from. */
  private byte[] unchangedDeclaration(FolderScan scan) throws CommandRejected, IOException {
    Path file = root.resolve(scan.folder()).resolve(DeclarationReader.FILE_NAME);
    byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    if (!Sha256.hex(bytes).equals(scan.declarationHash())) {
      throw new CommandRejected(CommandRejected.Reason.CONFLICT,
          scan.folder() + "/asset.json changed on disk since it was read; nothing was written."
              + " Check the file and run the command again");
    }
    return bytes;
  }

  @Override
  public Receipt create(Command.Create command) throws CommandRejected, IOException {
    String folder = Placement.check(root, state, command.folder());
    String name = command.name().orElse(WorkspacePath.lastSegment(folder));
    checkNameFree(name, Optional.empty());
    if (!types.isKnown(command.type())) {
      throw Placement.invalid("unknown type '" + command.type() + "'; known types are " + String.join(", ", types.names()));
    }
    SortedMap<String, Path> inputs = new TreeMap<>(PathOrder.COMPARATOR);
    for (Path input : command.inputs()) {
      if (!Files.isRegularFile(input)) {
        throw new CommandRejected(CommandRejected.Reason.NOT_FOUND, "input " + input + " is not a readable file");
      }
      String fileName = input.getFileName().toString();
      if (fileName.equals(DeclarationReader.FILE_NAME) || fileName.startsWith(".")) {
        throw Placement.invalid("input " + input + " cannot be copied in under its name; rename it first");
      }
      if (inputs.put(fileName, input) != null) {
        throw Placement.invalid("two inputs are named " + fileName + "; input file names must differ");
      }
    }
    for (String tag : command.tags()) {
      if (tag.isEmpty()) {
        throw Placement.invalid("tags must not be empty");
      }
    }
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", name);
    json.put("type", command.type());
    if (!inputs.isEmpty()) {
      inputs.keySet().forEach(json.putArray("inputs")::add);
    }
    TreeSet<String> tags = new TreeSet<>(PathOrder.COMPARATOR);
    tags.addAll(command.tags());
    if (!tags.isEmpty()) {
      tags.forEach(json.putArray("tags")::add);
    }
    byte[] bytes = CanonicalJson.pretty(json);
    AssetId id = state.registry().issue(random);
    touch(command);
    List<ResolvedInput> resolved = new ArrayList<>();
    for (var entry : inputs.entrySet()) {
      tx.copy(entry.getValue(), folder + "/" + entry.getKey());
      resolved.add(new ResolvedInput(entry.getKey(), Files.size(entry.getValue()), 0));
    }
    tx.put(folder + "/" + DeclarationReader.FILE_NAME, bytes);
    RegistryRecord.Bound record = new RegistryRecord.Bound(id, folder);
    tx.put(RegistryRecord.pathOf(id), record.toJson());
    Declaration declaration = new Declaration(name, command.type(), List.copyOf(inputs.keySet()), "{}", new ArrayList<>(tags));
    withRecord(record);
    withFolder(new FolderScan(folder, Sha256.hex(bytes), Optional.of(declaration),
        new packer.json.Located(2, 3), resolved, List.of()));
    rescans.add(folder);
    return new Receipt(nextVersion, id, Optional.of(folder));
  }

  @Override
  public Receipt adopt(Command.Adopt command) throws CommandRejected, IOException {
    WorkspacePath.Result canonical = WorkspacePath.canonical(command.folder());
    String folder = canonical.path().orElse(command.folder());
    FolderScan scan = state.folders().get(folder);
    if (scan == null) {
      throw new CommandRejected(CommandRejected.Reason.NOT_FOUND,
          "'" + command.folder() + "' is not an asset folder: it has no asset.json inside the scan roots");
    }
    refuseWhileTheRegistryIsUnreadable();
    Optional<AssetId> registered = boundTo(folder);
    if (registered.isPresent()) {
      throw Placement.invalid(folder + " is already registered as " + registered.get());
    }
    if (scan.declaration().isEmpty()) {
      String first = scan.diagnostics().isEmpty() ? "" : ": " + scan.diagnostics().get(0).format();
      throw Placement.invalid("fix " + folder + "/asset.json before adopting it" + first);
    }
    unchangedDeclaration(scan); // Else, were the folder gone, the new id would be bound to nothing.
    AssetId id = state.registry().issue(random);
    touch(command);
    RegistryRecord.Bound record = new RegistryRecord.Bound(id, folder);
    tx.put(RegistryRecord.pathOf(id), record.toJson());
    withRecord(record);
    return new Receipt(nextVersion, id, Optional.of(folder));
  }

  @Override
  public Receipt rename(Command.Rename command) throws CommandRejected, IOException {
    RegistryRecord.Bound bound = bound(command.id());
    FolderScan scan = present(bound);
    checkNameFree(command.newName(), Optional.of(scan.folder()));
    byte[] current = unchangedDeclaration(scan);
    ObjectNode json = parseObject(current, scan.folder());
    ObjectNode renamed = json;
    if (json.has("name")) {
      json.put("name", command.newName()); // Keeps the author's key order.
    } else {
      renamed = JsonNodeFactory.instance.objectNode();
      renamed.put("name", command.newName());
      renamed.setAll(json);
    }
    byte[] content = CanonicalJson.pretty(renamed);
    return rewrite(command, bound, readAs(scan, content), content);
  }

  @Override
  public Receipt update(Command.Update command) throws CommandRejected, IOException {
    RegistryRecord.Bound bound = bound(command.id());
    FolderScan scan = present(bound);
    unchangedDeclaration(scan); // First: the folder may be gone, and listing it would fail.
    byte[] content = command.content();
    FolderScan next = readAs(scan, content);
    List<Diagnostic> errors = next.diagnostics().stream().filter(Diagnostic::isError).toList();
    if (next.declaration().isEmpty() || !errors.isEmpty()) {
      throw Placement.invalid("the new asset.json is not valid: "
          + (errors.isEmpty() ? "it has no name or type" : errors.get(0).format()));
    }
    checkNameFree(next.declaration().get().name(), Optional.of(scan.folder()));
    return rewrite(command, bound, next, content);
  }

  /**
   * Writes a new asset.json. {@code next} is the folder read as if it held {@code content}: the
   * folder's files do not change, so it is exact and needs no second read after the commit.
   */
  private Receipt rewrite(Command command, RegistryRecord.Bound bound, FolderScan next, byte[] content) {
    touch(command);
    tx.put(next.folder() + "/" + DeclarationReader.FILE_NAME, content);
    withFolder(next);
    return new Receipt(nextVersion, bound.id(), Optional.of(next.folder()));
  }

  private FolderScan readAs(FolderScan scan, byte[] content) throws IOException {
    return scanner.scan(scan.folder(), content, packer.scan.WorkspaceScanner.filesOf(root, scan.folder()));
  }

  @Override
  public Receipt move(Command.Move command) throws CommandRejected, IOException {
    RegistryRecord.Bound bound = bound(command.id());
    FolderScan scan = present(bound);
    unchangedDeclaration(scan); // Else, were the folder gone, the id would be bound to nothing.
    String folder = Placement.check(root, state.withoutFolder(scan.folder()), command.newFolder());
    if (WorkspacePath.isWithin(folder, scan.folder())) {
      throw Placement.invalid("cannot move " + scan.folder() + " into itself");
    }
    touch(command);
    tx.moveFolder(scan.folder(), folder);
    RegistryRecord.Bound record = new RegistryRecord.Bound(bound.id(), folder);
    tx.put(RegistryRecord.pathOf(bound.id()), record.toJson());
    withoutFolder(scan.folder());
    withRecord(record);
    withFolder(new FolderScan(folder,
        scan.declarationHash(), scan.declaration(), scan.nameAt(), scan.inputs(), List.of()));
    rescans.add(folder);
    return new Receipt(nextVersion, bound.id(), Optional.of(folder));
  }

  @Override
  public Receipt remove(Command.Remove command) throws CommandRejected, IOException {
    RegistryRecord.Bound bound = bound(command.id());
    boolean present = state.folders().containsKey(bound.folder());
    if (present && !command.keepFiles()) {
      unchangedDeclaration(state.folders().get(bound.folder())); // Never delete an edit the lane has not seen.
    }
    touch(command);
    if (present && !command.keepFiles()) {
      tx.discard(bound.folder());
      withoutFolder(bound.folder());
    }
    RegistryRecord.Retired record = new RegistryRecord.Retired(bound.id());
    tx.put(RegistryRecord.pathOf(bound.id()), record.toJson());
    withRecord(record);
    return new Receipt(nextVersion, bound.id(), Optional.empty());
  }

  @Override
  public Receipt relocate(Command.Relocate command) throws CommandRejected, IOException {
    RegistryRecord.Bound bound = bound(command.id());
    if (state.folders().containsKey(bound.folder())) {
      throw Placement.invalid("asset " + bound.id() + " is not missing (it is at " + bound.folder()
          + "); to move it, use packer mv");
    }
    String folder = WorkspacePath.canonical(command.newFolder()).path().orElse(command.newFolder());
    FolderScan target = state.folders().get(folder);
    if (target == null) {
      throw new CommandRejected(CommandRejected.Reason.NOT_FOUND,
          "'" + command.newFolder() + "' is not an asset folder: it has no asset.json inside the scan roots");
    }
    Optional<AssetId> holder = boundTo(folder);
    if (holder.isPresent()) {
      throw Placement.invalid(folder + " already belongs to asset " + holder.get()
          + "; a copy of a folder is a new asset, never a second holder of an id");
    }
    unchangedDeclaration(target); // Else, were the folder gone, the id would be bound to nothing.
    touch(command);
    RegistryRecord.Bound record = new RegistryRecord.Bound(bound.id(), folder);
    tx.put(RegistryRecord.pathOf(bound.id()), record.toJson());
    withRecord(record);
    return new Receipt(nextVersion, bound.id(), Optional.of(folder));
  }

  private static ObjectNode parseObject(byte[] bytes, String folder) throws CommandRejected {
    try {
      JsonNode root = JsonDocument.parse(bytes).root();
      if (root instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonSyntaxException e) {
      // Reported below.
    }
    throw Placement.invalid(folder + "/asset.json does not parse; fix it first (packer check)");
  }
}
