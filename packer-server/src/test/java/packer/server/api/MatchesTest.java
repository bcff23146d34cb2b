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
    asset(root, "assets/hero", "{\"name\": \"Hero \\u00e9\", \"type\": \"blob\", \"inputs\": [\"h.bin\"], \"tags\": [\"b\", \"a\"]}",
        "h.bin");
    try (Workspace workspace = Workspace.openForWriting(root, Options.defaults(), "test")) {
      workspace.execute(new packer.lane.Command.Adopt("assets/hero"));
      Snapshot snapshot = workspace.snapshot();
      Asset hero = snapshot.assets().get(0);
      Matches matches = new Matches();
      AssetQuery.Filter heroes = new AssetQuery.Filter(Optional.empty(), List.of(), Optional.empty(), Optional.of("hero"));

      String kept = Json.mapper().writeValueAsString(List.of(matches.summary(hero), matches.summary(hero)));
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

  @Test
  void aSelectionAfterCommitsEqualsOneMadeAfreshAndAPageIsKeptForItsSnapshotOnly() throws Exception {
    Path root = Workspace.init(dir.resolve("game"), "game");
    for (String name : List.of("hero", "heron", "villain", "tree", "rock")) {
      asset(root, "assets/" + name, "{\"name\": \"" + name + "\", \"type\": \"blob\", \"inputs\": [\"x.bin\"]}", "x.bin");
    }
    try (Workspace workspace = Workspace.openForWriting(root, Options.defaults(), "test")) {
      for (String name : List.of("hero", "heron", "villain")) {
        workspace.execute(new packer.lane.Command.Adopt("assets/" + name));
      }
      Matches matches = new Matches();
      List<AssetQuery.Filter> filters = List.of(
          new AssetQuery.Filter(Optional.empty(), List.of(), Optional.empty(), Optional.of("her")),
          new AssetQuery.Filter(Optional.of("blob"), List.of(), Optional.of(packer.snapshot.AssetState.UNREGISTERED),
              Optional.empty()),
          new AssetQuery.Filter(Optional.empty(), List.of(), Optional.empty(), Optional.of("knight")));
      packer.id.AssetId hero = idOf(workspace, "hero");
      List<packer.lane.Command> commits = List.of(
          new packer.lane.Command.Rename(hero, "knight"),
          new packer.lane.Command.Rename(idOf(workspace, "villain"), "heroic villain"),
          new packer.lane.Command.Adopt("assets/tree"),
          new packer.lane.Command.Remove(idOf(workspace, "heron"), false),
          new packer.lane.Command.Rename(hero, "hero"));
      filters.forEach(filter -> matches.of(workspace.snapshot(), filter));
      for (packer.lane.Command commit : commits) {
        workspace.execute(commit);
        Snapshot now = workspace.snapshot();
        for (AssetQuery.Filter filter : filters) {
          assertThat(matches.of(now, filter)).as(commit + " then " + filter).containsExactlyElementsOf(filter.select(now));
        }
      }

      AssetQuery query = new AssetQuery(filters.get(0), 100, Optional.empty());
      Snapshot snapshot = workspace.snapshot();
      byte[] first = matches.page(snapshot, query, () -> new byte[] {1});
      assertThat(matches.page(snapshot, query, () -> new byte[] {2})).as("kept for its snapshot").isSameAs(first);
      workspace.execute(new packer.lane.Command.Rename(idOf(workspace, "hero"), "hero two"));
      assertThat(matches.page(workspace.snapshot(), query, () -> new byte[] {3})).as("written again for a newer one")
          .containsExactly(3);
    }
  }

  @Test
  void anAssetBodyAroundItsKeptDetailIsWhatJacksonWritesForTheWholeMap() throws Exception {
    Path root = Workspace.init(dir.resolve("game"), "game");
    asset(root, "assets/h\u00e9ro", "{\"name\": \"H\u00e9ro \\\"1\\\"\", \"type\": \"blob\", \"inputs\": [\"a b.bin\", \"gone.bin\"],"
        + " \"params\": {\"z\": [1, 2.5, \"x\"], \"a\": {\"b\": null}}, \"tags\": [\"b\", \"a\"]}", "a b.bin");
    try (Workspace workspace = Workspace.openForWriting(root, Options.defaults(), "test")) {
      workspace.execute(new packer.lane.Command.Adopt("assets/h\u00e9ro"));
      Snapshot snapshot = workspace.snapshot();
      Asset hero = snapshot.assets().get(0);
      java.util.Map<String, Object> whole = new java.util.LinkedHashMap<>();
      whole.put("version", snapshot.version());
      whole.put("asset", AssetJson.detail(hero));

      byte[] body = ReadApi.assetBody(snapshot.version(), Json.write(AssetJson.detail(hero)));

      assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(new String(Json.write(whole), StandardCharsets.UTF_8))
          .contains("H\u00e9ro").contains("diagnostics\":[{");
    }
  }

  /** An asset folder made by hand: its asset.json and one input file. */
  private static void asset(Path root, String folder, String declaration, String input) throws Exception {
    Files.createDirectories(root.resolve(folder));
    Files.writeString(root.resolve(folder + "/asset.json"), declaration + "\n", StandardCharsets.UTF_8);
    Files.writeString(root.resolve(folder + "/" + input), folder);
  }

  private static packer.id.AssetId idOf(Workspace workspace, String name) {
    return workspace.snapshot().byName(name).get(0).id().orElseThrow();
  }
}
