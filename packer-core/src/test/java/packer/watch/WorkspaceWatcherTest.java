package packer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.id.AssetId;
import packer.lane.Command;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;
import packer.workspace.Options;
import packer.workspace.Workspace;

/** Changes made on disk by hand reach the snapshot through the watcher and the lane. */
class WorkspaceWatcherTest {

  private static final long TIMEOUT_MILLIS = 10_000;

  @TempDir Path dir;
  private Path root;
  private Workspace workspace;
  private WorkspaceWatcher watcher;
  private final List<Exception> problems = Collections.synchronizedList(new ArrayList<>());
  private final List<Snapshot> published = Collections.synchronizedList(new ArrayList<>());
  private AssetId hero;
  private AssetId villain;

  @BeforeEach
  void openWatchedWorkspace() throws Exception {
    root = Workspace.init(dir.resolve("ws"), "ws");
    Files.createDirectories(root.resolve("assets"));
    try (Workspace setup = Workspace.openForWriting(root, Options.defaults().withRandom(new Random(3)), "setup")) {
      hero = setup.execute(new Command.Create("assets/hero", Optional.empty(), "blob", List.of(), List.of("a"))).id();
      villain = setup.execute(
          new Command.Create("assets/villain", Optional.empty(), "blob", List.of(), List.of("b"))).id();
    }
    workspace = Workspace.openForWriting(root, Options.defaults(), "test");
    workspace.snapshots().subscribe(published::add);
    watcher = WorkspaceWatcher.start(workspace, WorkspaceWatcher.Options.defaults().withProblems(problems::add));
  }

  @AfterEach
  void close() throws IOException {
    assertThat(problems).isEmpty();
    if (watcher != null) {
      watcher.close();
    }
    workspace.close();
  }

  private static byte[] declaration(String name, String tag) {
    return ("{\n  \"name\": \"" + name + "\",\n  \"type\": \"blob\",\n  \"inputs\": [],\n  \"tags\": [\"" + tag
        + "\"]\n}\n").getBytes(StandardCharsets.UTF_8);
  }

  private Snapshot await(String what, Predicate<Snapshot> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
    while (System.nanoTime() < deadline) {
      Snapshot snapshot = workspace.snapshot();
      if (condition.test(snapshot)) {
        return snapshot;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no snapshot within " + TIMEOUT_MILLIS + " ms where " + what + "; last: "
        + workspace.snapshot().assets() + "; problems: " + problems);
  }

  /** What the watcher made of the disk is what reading the workspace afresh says. */
  private void assertMatchesAFreshRead(Snapshot watched) throws Exception {
    try (Workspace fresh = Workspace.openForReading(root, Options.defaults())) {
      assertThat(watched.assets()).isEqualTo(fresh.snapshot().assets());
      assertThat(watched.diagnostics()).isEqualTo(fresh.snapshot().diagnostics());
    }
  }

  private static String name(Snapshot snapshot, AssetId id) {
    return snapshot.byId(id).flatMap(Asset::name).orElse(null);
  }

  private boolean everMissing(AssetId id) {
    synchronized (published) {
      return published.stream().anyMatch(s -> s.byId(id).map(a -> a.state() == AssetState.MISSING).orElse(true));
    }
  }

  @Test
  void anAtomicSaveRenamesInPlaceKeepingTheId() throws Exception {
    Path folder = root.resolve("assets/hero");
    Path temp = folder.resolve("asset.json.tmp4711");
    Files.write(temp, declaration("hero-saved", "a"));
    Files.move(temp, folder.resolve("asset.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    Snapshot after = await("hero is renamed", s -> "hero-saved".equals(name(s, hero)));
    assertThat(after.byId(hero).orElseThrow().folder()).isEqualTo("assets/hero");
    assertThat(after.byId(hero).orElseThrow().state()).isNotEqualTo(AssetState.MISSING);
    assertThat(after.diagnostics()).isEmpty();
    assertThat(everMissing(hero)).as("an atomic save never looks like a removed asset").isFalse();
    assertMatchesAFreshRead(after);
  }

  @Test
  void deleteThenCreateIsAnEditNotARemoval() throws Exception {
    Path file = root.resolve("assets/villain/asset.json");
    Files.delete(file);
    Files.write(file, declaration("villain-v2", "b"));

    Snapshot after = await("villain is renamed", s -> "villain-v2".equals(name(s, villain)));
    assertThat(after.byId(villain).orElseThrow().folder()).isEqualTo("assets/villain");
    assertThat(everMissing(villain)).isFalse();
  }

  @Test
  void aBurstOfEditsEndsAtTheLastContentInFewSnapshots() throws Exception {
    long start = workspace.snapshot().version();
    Path file = root.resolve("assets/hero/asset.json");
    for (int i = 1; i <= 50; i++) {
      Files.write(file, declaration("hero-" + i, "a"));
    }
    await("the last edit shows", s -> "hero-50".equals(name(s, hero)));
    List<Long> versions;
    synchronized (published) {
      versions = published.stream().map(Snapshot::version).filter(v -> v > start).toList();
    }
    assertThat(versions).isSorted().doesNotHaveDuplicates();
    assertThat(versions.size()).as("snapshots for 50 edits").isBetween(1, 10);
  }

  @Test
  void aFolderMovedInAFileManagerKeepsItsId() throws Exception {
    Files.createDirectories(root.resolve("assets/characters"));
    Files.move(root.resolve("assets/hero"), root.resolve("assets/characters/hero"));

    Snapshot after = await("hero is bound to its new folder",
        s -> s.byId(hero).map(a -> a.folder().equals("assets/characters/hero") && a.state() != AssetState.MISSING)
            .orElse(false));
    assertThat(after.assets()).allSatisfy(asset -> {
      assertThat(asset.state()).isNotEqualTo(AssetState.MISSING);
      assertThat(asset.id()).isPresent();
    });
    assertThat(after.byFolder("assets/hero")).isEmpty();
    assertThat(after.assets()).hasSize(2);
    assertMatchesAFreshRead(after);
  }

  @Test
  void twoLookalikeMovesAreLeftForAPerson() throws Exception {
    // Both new folders match both missing assets by content (empty blobs with the same name and tags
    // are not: they differ by name), so make them ambiguous: two copies declaring hero.
    Files.createDirectories(root.resolve("elsewhere"));
    Files.move(root.resolve("assets/hero"), root.resolve("elsewhere/hero"));
    Files.createDirectories(root.resolve("elsewhere/hero-copy"));
    Files.copy(root.resolve("elsewhere/hero/asset.json"), root.resolve("elsewhere/hero-copy/asset.json"));

    Snapshot after = await("hero is missing and both folders unregistered",
        s -> s.byId(hero).map(a -> a.state() == AssetState.MISSING).orElse(false)
            && s.byFolder("elsewhere/hero").map(a -> a.id().isEmpty()).orElse(false)
            && s.byFolder("elsewhere/hero-copy").map(a -> a.id().isEmpty()).orElse(false));
    // Any relocation would come before the next reconciliation: once a later edit shows, none came.
    Files.write(root.resolve("assets/villain/asset.json"), declaration("villain-marker", "b"));
    Snapshot later = await("the marker shows", s -> "villain-marker".equals(name(s, villain)));
    assertThat(later.byId(hero).orElseThrow().state()).isEqualTo(AssetState.MISSING);
    assertThat(later.byFolder("elsewhere/hero").orElseThrow().id()).isEmpty();
    assertThat(later.version()).isEqualTo(after.version() + 1);
  }

  @Test
  void aDeletedFolderMakesItsAssetMissing() throws Exception {
    Path folder = root.resolve("assets/villain");
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(folder);

    Snapshot after = await("villain is missing",
        s -> s.byId(villain).map(a -> a.state() == AssetState.MISSING).orElse(false));
    assertThat(after.diagnostics()).anySatisfy(d -> assertThat(d.message()).contains("assets/villain"));
    assertThat(name(after, hero)).isEqualTo("hero");
    assertMatchesAFreshRead(after);
  }

  @Test
  void aNewFolderWithAnAssetJsonIsUnregistered() throws Exception {
    Path folder = root.resolve("assets/props/crate");
    Files.createDirectories(folder);
    Files.write(folder.resolve("asset.json"), declaration("crate", "c"));

    Snapshot after = await("crate shows", s -> s.byFolder("assets/props/crate").isPresent());
    Asset crate = after.byFolder("assets/props/crate").orElseThrow();
    assertThat(crate.id()).isEmpty();
    assertThat(crate.name()).contains("crate");
    assertThat(crate.state()).isEqualTo(AssetState.UNREGISTERED);
    assertMatchesAFreshRead(after);
  }

  @Test
  void localStateAndBuildOutputPublishNothing() throws Exception {
    long before = workspace.snapshot().version();
    Path output = root.resolve(workspace.snapshot().state().config().output());
    Files.createDirectories(output.resolve("sub"));
    Files.write(output.resolve("game.pack"), new byte[] {1, 2, 3});
    Files.write(output.resolve("sub/asset.json"), declaration("not-an-asset", "x"));
    Files.write(root.resolve(".packer/scratch.bin"), new byte[] {4});
    // A change that must show, made after the others: once it shows, the others had their chance.
    Files.write(root.resolve("assets/hero/asset.json"), declaration("hero-marker", "a"));

    Snapshot after = await("the marker shows", s -> "hero-marker".equals(name(s, hero)));
    assertThat(after.version()).isEqualTo(before + 1);
    assertThat(after.assets()).hasSize(2);
  }

  @Test
  void theLanesOwnCommitsAreNotPublishedTwice() throws Exception {
    long before = workspace.snapshot().version();
    workspace.execute(new Command.Rename(hero, "hero-renamed"));
    workspace.execute(new Command.Move(villain, "assets/bad/villain"));
    long committed = workspace.snapshot().version();
    assertThat(committed).isEqualTo(before + 2);
    // The watcher sees those writes before this edit: once the edit shows, they had their turn.
    Files.write(root.resolve("assets/villain-elsewhere.txt"), new byte[] {1});
    Path moved = root.resolve("assets/bad/villain/asset.json");
    Files.write(moved, new String(Files.readAllBytes(moved), StandardCharsets.UTF_8)
        .replace("\"villain\"", "\"villain-marker\"").getBytes(StandardCharsets.UTF_8));
    Snapshot after = await("the marker shows", s -> "villain-marker".equals(name(s, villain)));
    assertThat(after.version()).as("one snapshot for the edit, none for the lane's own writes")
        .isEqualTo(committed + 1);
    assertThat(name(after, hero)).isEqualTo("hero-renamed");
  }

  @Test
  void aRegistryChangedOnDiskIsReadAgain() throws Exception {
    // As a `git pull` that retires villain: its record replaced by a tombstone.
    Path record = root.resolve(packer.registry.RegistryRecord.pathOf(villain));
    Files.write(record, new packer.registry.RegistryRecord.Retired(villain).toJson());

    Snapshot after = await("villain is retired", s -> s.byId(villain).isEmpty());
    assertThat(after.byFolder("assets/villain").orElseThrow().id()).isEmpty();
    assertMatchesAFreshRead(after);
  }

  @Test
  void aNestedAssetFolderIsAProblemAsAFreshReadSays() throws Exception {
    Path inner = root.resolve("assets/hero/inner");
    Files.createDirectories(inner);
    Files.write(inner.resolve("asset.json"), declaration("inner", "n"));

    Snapshot after = await("the nested folder is reported",
        s -> s.diagnostics().stream().anyMatch(d -> d.file().equals("assets/hero/inner/asset.json")));
    assertMatchesAFreshRead(after);
  }

  @Test
  void aCaseClashIsAProblemAsAFreshReadSays() throws Exception {
    Path clash = root.resolve("assets/Hero");
    Files.createDirectories(clash);
    Files.write(clash.resolve("asset.json"), declaration("other-hero", "n"));

    Snapshot after = await("the clash is reported",
        s -> s.diagnostics().stream().anyMatch(d -> d.file().equals("assets/Hero")));
    assertMatchesAFreshRead(after);
  }

  @Test
  void movingTheFolderThatHoldsTheScanRootIsSeen() throws Exception {
    Files.move(root.resolve("assets"), root.resolve("old-assets"));

    Snapshot after = await("both assets follow their folders",
        s -> s.byId(hero).map(a -> a.folder().equals("old-assets/hero")).orElse(false)
            && s.byId(villain).map(a -> a.folder().equals("old-assets/villain")).orElse(false));
    assertMatchesAFreshRead(after);
  }

  /** Events a test sends by hand: a change on disk without one is seen only by a full read. */
  private static final class ManualSource implements EventSource {
    volatile Sink sink;

    @Override
    public void start(Sink sink) {
      this.sink = sink;
    }

    @Override
    public void close() {}
  }

  @Test
  void anOverflowOrAnErrorOfTheEventsReadsTheWholeWorkspace() throws Exception {
    watcher.close();
    ManualSource source = new ManualSource();
    watcher = WorkspaceWatcher.start(workspace, WorkspaceWatcher.Options.defaults().withProblems(problems::add), source);

    Files.write(root.resolve("assets/hero/asset.json"), declaration("hero-unseen", "a"));
    source.sink.overflow();
    await("an overflow found the unseen edit", s -> "hero-unseen".equals(name(s, hero)));

    Files.write(root.resolve("assets/villain/asset.json"), declaration("villain-unseen", "b"));
    source.sink.failed(new IOException("the event source broke"));
    await("an error found the unseen edit", s -> "villain-unseen".equals(name(s, villain)));
  }

  @Test
  void aHintOutsideTheChangeDoesNotReadTheWholeWorkspace() throws Exception {
    watcher.close();
    ManualSource source = new ManualSource();
    watcher = WorkspaceWatcher.start(workspace, WorkspaceWatcher.Options.defaults().withProblems(problems::add), source);

    Files.write(root.resolve("assets/hero/asset.json"), declaration("hero-unseen", "a"));
    Files.write(root.resolve("assets/villain/asset.json"), declaration("villain-seen", "b"));
    source.sink.changed(root.resolve("assets/villain/asset.json"));
    Snapshot after = await("the hinted edit shows", s -> "villain-seen".equals(name(s, villain)));
    assertThat(name(after, hero)).as("only the hinted folder is read again").isEqualTo("hero");
  }

  @Test
  void startedInTheBackgroundItMissesNothing() throws Exception {
    watcher.close();
    // Before the watch: found by the full read that follows the start.
    Files.write(root.resolve("assets/hero/asset.json"), declaration("hero-before", "a"));
    watcher = WorkspaceWatcher.startInBackground(workspace,
        WorkspaceWatcher.Options.defaults().withProblems(problems::add));
    Files.write(root.resolve("assets/villain/asset.json"), declaration("villain-during", "b"));

    Snapshot after = await("both edits show", s -> "hero-before".equals(name(s, hero))
        && "villain-during".equals(name(s, villain)));
    assertMatchesAFreshRead(after);
  }

  @Test
  void closingWhileStartingInTheBackgroundStopsPromptly() throws Exception {
    watcher.close();
    watcher = WorkspaceWatcher.startInBackground(workspace, WorkspaceWatcher.Options.defaults());
    watcher.close();
    assertThat(Thread.getAllStackTraces().keySet()).noneSatisfy(thread -> assertThat(thread.getName())
        .isIn("packer-watch", "packer-watch-events"));
  }
}
