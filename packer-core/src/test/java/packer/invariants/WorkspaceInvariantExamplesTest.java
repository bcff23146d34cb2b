package packer.invariants;

import packer.fs.FileTrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.lane.Command;
import packer.lane.CommandRejected;
import packer.registry.RegistryRecord;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * The cases of identity, registry and names that are easy to miss, each as one example; several
 * were found by {@link WorkspaceInvariantsPropertyTest}. "By hand" means with {@code java.nio.file},
 * as a file manager, an editor or {@code git mv} would, while packer is not watching.
 */
class WorkspaceInvariantExamplesTest {

  @TempDir Path dir;
  private Path root;

  @BeforeEach
  void init() throws IOException {
    root = Workspace.init(dir.resolve("game"), "game");
  }

  private Workspace open() throws Exception {
    return Workspace.openForWriting(root, Options.defaults().withRandom(new Random(1)), "test");
  }

  private Snapshot readFresh() throws Exception {
    try (Workspace reader = Workspace.openForReading(root, Options.defaults())) {
      return reader.snapshot();
    }
  }

  private static AssetId create(Workspace workspace, String folder) throws Exception {
    return workspace.execute(new Command.Create(folder, Optional.empty(), "blob", List.of(), List.of())).id();
  }

  private void writeByHand(String folder, String json) throws IOException {
    Files.createDirectories(root.resolve(folder));
    Files.writeString(root.resolve(folder).resolve("asset.json"), json, StandardCharsets.UTF_8);
  }

  private static List<Code> codes(Asset asset) {
    return asset.diagnostics().stream().map(Diagnostic::code).toList();
  }

  /** Runs {@code command}, which must be refused for {@code reason} without changing a file. */
  private void assertRefusedWritingNothing(Workspace workspace, Command command, CommandRejected.Reason reason)
      throws IOException {
    SortedMap<String, String> before = TreeDump.of(root);
    assertThatThrownBy(() -> workspace.execute(command))
        .isInstanceOfSatisfying(CommandRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
    assertThat(TreeDump.of(root)).isEqualTo(before);
  }

  @Test
  void aCopyOfAFolderIsANewUnregisteredAssetNotASecondHolderOfTheId() throws Exception {
    AssetId hero;
    try (Workspace workspace = open()) {
      hero = create(workspace, "assets/hero");
    }
    FileTrees.copy(root.resolve("assets/hero"), root.resolve("assets/hero-copy"));

    Snapshot snapshot = readFresh();
    Asset copy = snapshot.byFolder("assets/hero-copy").orElseThrow();
    assertThat(copy.id()).isEmpty();
    assertThat(snapshot.byId(hero).orElseThrow().folder()).isEqualTo("assets/hero");
    assertThat(snapshot.state().registry().records()).hasSize(1);
    // Same name as the original, so both are reported until one is renamed.
    assertThat(codes(copy)).contains(Code.DUPLICATE_NAME);
    assertThat(codes(snapshot.byId(hero).orElseThrow())).contains(Code.DUPLICATE_NAME);
  }

  @Test
  void adoptingACopyGivesItANewId() throws Exception {
    AssetId hero;
    try (Workspace workspace = open()) {
      hero = create(workspace, "assets/hero");
    }
    FileTrees.copy(root.resolve("assets/hero"), root.resolve("assets/hero-copy"));
    try (Workspace workspace = open()) {
      AssetId copy = workspace.execute(new Command.Adopt("assets/hero-copy")).id();
      workspace.execute(new Command.Rename(copy, "hero-copy"));

      assertThat(copy).isNotEqualTo(hero);
      assertThat(workspace.snapshot().diagnostics()).isEmpty();
    }
  }

  @Test
  void renameToATakenNameIsRefusedAndWritesNothing() throws Exception {
    try (Workspace workspace = open()) {
      create(workspace, "assets/hero");
      AssetId tree = create(workspace, "assets/tree");

      assertRefusedWritingNothing(workspace, new Command.Rename(tree, "hero"), CommandRejected.Reason.INVALID);
      assertThat(workspace.snapshot().byId(tree).orElseThrow().name()).contains("tree");
    }
  }

  @Test
  void aNameTakenByHandIsReportedOnBothAssets() throws Exception {
    try (Workspace workspace = open()) {
      create(workspace, "assets/hero");
      create(workspace, "assets/tree");
    }
    writeByHand("assets/tree", "{\"name\": \"hero\", \"type\": \"blob\"}\n");

    Snapshot snapshot = readFresh();
    for (String folder : List.of("assets/hero", "assets/tree")) {
      Asset asset = snapshot.byFolder(folder).orElseThrow();
      assertThat(asset.state()).isEqualTo(AssetState.INVALID);
      assertThat(codes(asset)).containsOnlyOnce(Code.DUPLICATE_NAME);
    }
  }

  @Test
  void anIdIsNeverIssuedAgainEvenWhenTheRandomSourceRepeats() throws Exception {
    AssetId removed;
    try (Workspace workspace = open()) {
      removed = create(workspace, "assets/hero");
      workspace.execute(new Command.Remove(removed, false));
    }
    try (Workspace workspace = open()) { // The same seed draws the retired id first.
      AssetId next = create(workspace, "assets/hero");

      assertThat(next).isNotEqualTo(removed);
      assertThat(workspace.snapshot().state().registry().get(removed)).containsInstanceOf(RegistryRecord.Retired.class);
    }
  }

  @Test
  void aMissingAssetKeepsItsFolderUntilItIsRelocated() throws Exception {
    AssetId tree;
    try (Workspace workspace = open()) {
      tree = create(workspace, "assets/tree");
    }
    Files.move(root.resolve("assets/tree"), root.resolve("assets/oak"));
    try (Workspace workspace = open()) {
      assertThat(workspace.snapshot().byId(tree).orElseThrow().state()).isEqualTo(AssetState.MISSING);

      // A new asset there would share the folder with the missing one's id.
      Command create = new Command.Create("assets/tree", Optional.of("tree2"), "blob", List.of(), List.of());
      assertRefusedWritingNothing(workspace, create, CommandRejected.Reason.INVALID);

      workspace.execute(new Command.Relocate(tree, "assets/oak"));
      assertThat(workspace.snapshot().byId(tree).orElseThrow().state()).isEqualTo(AssetState.REGISTERED);
      workspace.execute(create);
    }
    assertThat(readFresh().diagnostics()).isEmpty();
  }

  @Test
  void movingAFolderThatWasMovedByHandIsAConflict() throws Exception {
    AssetId tree;
    try (Workspace workspace = open()) {
      tree = create(workspace, "assets/tree");
      Files.move(root.resolve("assets/tree"), root.resolve("assets/oak"));

      assertRefusedWritingNothing(workspace, new Command.Move(tree, "props/tree"), CommandRejected.Reason.CONFLICT);
    }
    // Still bound where it was: relocate, not move, pairs it with the folder it was moved to.
    assertThat(readFresh().state().registry().get(tree)).contains(new RegistryRecord.Bound(tree, "assets/tree"));
  }

  @Test
  void updatingAFolderThatWasMovedByHandIsAConflictNotAnIoError() throws Exception {
    try (Workspace workspace = open()) {
      AssetId tree = create(workspace, "assets/tree");
      Files.move(root.resolve("assets/tree"), root.resolve("assets/oak"));
      byte[] content = "{\"name\": \"oak\", \"type\": \"blob\"}\n".getBytes(StandardCharsets.UTF_8);

      assertRefusedWritingNothing(workspace, new Command.Update(tree, content), CommandRejected.Reason.CONFLICT);
    }
  }

  @Test
  void adoptingAFolderDeletedSinceTheLaneReadItIsAConflict() throws Exception {
    writeByHand("assets/rock", "{\"name\": \"rock\", \"type\": \"blob\"}\n");
    try (Workspace workspace = open()) {
      FileTrees.delete(root.resolve("assets/rock"));

      assertRefusedWritingNothing(workspace, new Command.Adopt("assets/rock"), CommandRejected.Reason.CONFLICT);
    }
    assertThat(readFresh().state().registry().records()).isEmpty();
  }

  @Test
  void relocatingToAFolderDeletedSinceTheLaneReadItIsAConflict() throws Exception {
    AssetId tree;
    try (Workspace workspace = open()) {
      tree = create(workspace, "assets/tree");
    }
    Files.move(root.resolve("assets/tree"), root.resolve("assets/oak"));
    try (Workspace workspace = open()) {
      FileTrees.delete(root.resolve("assets/oak"));

      assertRefusedWritingNothing(workspace, new Command.Relocate(tree, "assets/oak"), CommandRejected.Reason.CONFLICT);
    }
    assertThat(readFresh().byId(tree).orElseThrow().folder()).isEqualTo("assets/tree");
  }

  @Test
  void removeNeverDeletesAnEditTheLaneHasNotSeen() throws Exception {
    try (Workspace workspace = open()) {
      AssetId hero = create(workspace, "assets/hero");
      writeByHand("assets/hero", "{\"name\": \"hero\", \"type\": \"blob\", \"tags\": [\"edited\"]}\n");

      assertRefusedWritingNothing(workspace, new Command.Remove(hero, false), CommandRejected.Reason.CONFLICT);
      workspace.execute(new Command.Remove(hero, true)); // Keeping the files loses nothing.
    }
    Snapshot snapshot = readFresh();
    assertThat(snapshot.byFolder("assets/hero").orElseThrow().tags()).containsExactly("edited");
    assertThat(snapshot.byFolder("assets/hero").orElseThrow().id()).isEmpty();
  }
}
