package packer.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packer.id.AssetId;
import packer.lane.Command;
import packer.snapshot.Asset;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * One writer per workspace inside one JVM: the OS lock cannot tell two holders in one process
 * apart, so the lock itself refuses the second, however the root is spelled.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OneWriterPerProcessTest {

  @TempDir Path dir;

  private Path root;
  private AssetId hero;

  @BeforeEach
  void createWorkspace() throws Exception {
    root = Workspace.init(dir.resolve("game"), "game");
    try (Workspace workspace = Workspace.openForWriting(root, Options.defaults(), "setup")) {
      hero = workspace.execute(new Command.Create("assets/hero", Optional.empty(), "blob", List.of(), List.of())).id();
    }
    Files.createSymbolicLink(dir.resolve("link"), root);
  }

  @ParameterizedTest(name = "through {0}")
  @ValueSource(strings = {"the root", "a symlink to the root", "a path with ..", "a subfolder"})
  void aSecondWriterInTheSameProcessIsRefused(String spelling) throws Exception {
    try (Workspace first = Workspace.openForWriting(root, Options.defaults(), "first writer")) {
      assertThatThrownBy(() -> Workspace.openForWriting(spelled(spelling), Options.defaults(), "second writer"))
          .isInstanceOf(WorkspaceLockedException.class)
          .hasMessageContaining("this process")
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .hasMessageContaining("first writer");
    }
  }

  @ParameterizedTest(name = "through {0}")
  @ValueSource(strings = {"the root", "a symlink to the root", "a path with ..", "a subfolder"})
  void theWorkspaceOpensForWritingAgainOnceTheFirstWriterCloses(String spelling) throws Exception {
    try (Workspace first = Workspace.openForWriting(root, Options.defaults(), "first writer")) {
      assertThatThrownBy(() -> Workspace.openForWriting(spelled(spelling), Options.defaults(), "second writer"))
          .isInstanceOf(WorkspaceLockedException.class);
    }

    try (Workspace second = Workspace.openForWriting(spelled(spelling), Options.defaults(), "second writer")) {
      second.execute(new Command.Rename(hero, "hero2"));
      assertThat(second.snapshot().byId(hero)).get().extracting(Asset::name).isEqualTo(Optional.of("hero2"));
      assertThat(second.snapshot().diagnostics()).isEmpty();
    }
  }

  @Test
  void theFirstWriterKeepsCommittingAfterASecondWasRefused() throws Exception {
    try (Workspace first = Workspace.openForWriting(root, Options.defaults(), "first writer")) {
      assertThatThrownBy(() -> Workspace.openForWriting(dir.resolve("link"), Options.defaults(), "second writer"))
          .isInstanceOf(WorkspaceLockedException.class);

      first.execute(new Command.Rename(hero, "hero2"));

      assertThat(first.snapshot().byId(hero)).get().extracting(Asset::name).isEqualTo(Optional.of("hero2"));
    }
  }

  @Test
  void aReaderInTheSameProcessWorksWhileTheWriterHolds() throws Exception {
    try (Workspace writer = Workspace.openForWriting(root, Options.defaults(), "first writer")) {
      writer.execute(new Command.Rename(hero, "hero2"));

      try (Workspace reader = Workspace.openForReading(dir.resolve("link"), Options.defaults())) {
        assertThat(reader.snapshot().byId(hero)).get().extracting(Asset::name).isEqualTo(Optional.of("hero2"));
        assertThat(reader.snapshot().diagnostics()).isEmpty();
      }
    }
  }

  private Path spelled(String spelling) {
    switch (spelling) {
      case "the root":
        return root;
      case "a symlink to the root":
        return dir.resolve("link");
      case "a path with ..":
        return root.resolve("assets").resolve("..");
      case "a subfolder":
        return dir.resolve("link").resolve("assets");
      default:
        throw new IllegalArgumentException(spelling);
    }
  }
}
