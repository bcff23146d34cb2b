package packer.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.id.AssetId;
import packer.lane.Command;
import packer.lane.CommandRejected;
import packer.lane.Receipt;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;

class WorkspaceSmokeTest {

  @TempDir Path dir;

  private Options options() {
    return Options.defaults().withRandom(new Random(42));
  }

  @Test
  void createRenameMoveRemoveKeepTheIdAndRetireIt() throws Exception {
    Path root = Workspace.init(dir.resolve("game"), "game");
    Path input = dir.resolve("hero.bin");
    Files.write(input, new byte[] {1, 2, 3});
    AssetId id;
    try (Workspace ws = Workspace.openForWriting(root, options(), "test")) {
      Receipt created = ws.execute(new Command.Create("assets/hero", Optional.empty(), "blob", List.of(input), List.of()));
      id = created.id();
      assertThat(ws.snapshot().byId(id)).get().extracting(Asset::state).isEqualTo(AssetState.REGISTERED);
      assertThat(ws.snapshot().byId(id).get().name()).contains("hero");
      ws.execute(new Command.Rename(id, "hero2"));
      ws.execute(new Command.Move(id, "chars/hero"));
      Asset moved = ws.snapshot().byId(id).orElseThrow();
      assertThat(moved.folder()).isEqualTo("chars/hero");
      assertThat(moved.name()).contains("hero2");
      assertThat(moved.inputs()).hasSize(1);
    }
    assertThat(Files.readString(root.resolve("chars/hero/asset.json"), StandardCharsets.UTF_8)).contains("\"hero2\"");
    try (Workspace ws = Workspace.openForReading(root, options())) {
      assertThat(ws.snapshot().byId(id).orElseThrow().state()).isEqualTo(AssetState.REGISTERED);
      assertThat(ws.snapshot().diagnostics()).isEmpty();
    }
    try (Workspace ws = Workspace.openForWriting(root, options(), "test")) {
      ws.execute(new Command.Remove(id, false));
      assertThat(Files.exists(root.resolve("chars/hero"))).isFalse();
      assertThatThrownBy(() -> ws.execute(new Command.Rename(id, "again")))
          .isInstanceOf(CommandRejected.class)
          .hasMessageContaining("retired");
    }
    assertThat(Files.list(root.resolve(".packer/journal"))).isEmpty();
  }
}
