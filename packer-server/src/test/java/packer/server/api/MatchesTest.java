package packer.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.server.http.Json;
import packer.snapshot.Asset;
import packer.snapshot.Snapshot;
import packer.workspace.Options;
import packer.workspace.Workspace;

/** What is kept per snapshot gives the same JSON as writing it afresh, and follows the snapshot. */
class MatchesTest {

  @TempDir Path dir;

  @Test
  void aKeptSummaryIsWrittenExactlyAsAFreshOneAndTheSelectionFollowsTheSnapshot() throws Exception {
    Path root = Workspace.init(dir.resolve("game"), "game");
    Files.createDirectories(root.resolve("assets/hero"));
    Files.writeString(root.resolve("assets/hero/asset.json"),
        "{\"name\": \"Hero \\u00e9\", \"type\": \"blob\", \"inputs\": [\"h.bin\"], \"tags\": [\"b\", \"a\"]}\n",
        StandardCharsets.UTF_8);
    Files.writeString(root.resolve("assets/hero/h.bin"), "H");
    try (Workspace workspace = Workspace.openForWriting(root, Options.defaults(), "test")) {
      workspace.execute(new packer.lane.Command.Adopt("assets/hero"));
      Snapshot snapshot = workspace.snapshot();
      Asset hero = snapshot.assets().get(0);
      Matches matches = new Matches();
      AssetQuery.Filter heroes = new AssetQuery.Filter(Optional.empty(), List.of(), Optional.empty(), Optional.of("hero"));

      String kept = Json.mapper().writeValueAsString(List.of(matches.summary(snapshot, hero), matches.summary(snapshot, hero)));
      String fresh = Json.mapper().writeValueAsString(List.of(AssetJson.summary(hero), AssetJson.summary(hero)));

      assertThat(kept).isEqualTo(fresh);
      assertThat(matches.of(snapshot, heroes)).containsExactly(hero);
      workspace.execute(new packer.lane.Command.Rename(hero.id().orElseThrow(), "knight"));
      assertThat(matches.of(workspace.snapshot(), heroes)).as("the folder still says hero").hasSize(1);
      assertThat(matches.of(workspace.snapshot(), new AssetQuery.Filter(Optional.empty(), List.of(), Optional.empty(),
          Optional.of("knight")))).hasSize(1);
      assertThat(matches.of(snapshot, new AssetQuery.Filter(Optional.empty(), List.of(), Optional.empty(),
          Optional.of("knight")))).as("an older snapshot answers for itself").isEmpty();
    }
  }
}
