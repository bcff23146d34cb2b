package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: rebuilds read only what changed, copy the rest, and never emit a damaged cache value. */
class IncrementalBuildCliTest {

  @TempDir Path dir;

  private TestWorkspace ws;

  @BeforeEach
  void threeAssets() throws Exception {
    ws = TestWorkspace.init(dir);
    ws.asset("assets/credits").name("credits").type("text").input("credits.txt", "a\r\nb\r\n").create();
    ws.asset("assets/level").name("level").type("json").input("level.json", "{ \"b\": 1, \"a\": 2 }").create();
    ws.asset("assets/song").name("song").type("blob").input("song.bin", "la la la").create();
    assertThat(ws.run("adopt", "--all")).succeeds();
    // Files written in the clock tick a build starts in are racy: hashed again by the next build.
    // Waiting it out lets the tests below see the steady state an author sees.
    Thread.sleep(250);
  }

  private JsonNode build(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("build", "--json"));
    args.addAll(List.of(more));
    CliResult built = ws.run(args.toArray(String[]::new));
    assertThat(built).succeeds();
    return built.json();
  }

  private Object inode(String relative) throws IOException {
    return Files.getAttribute(ws.path(relative), "unix:ino");
  }

  @Test
  void aNoOpRebuildReadsNoInputProcessesNothingAndDoesNotRewriteThePack() throws Exception {
    JsonNode first = build();
    assertThat(first.path("processed").asInt()).isEqualTo(3);
    assertThat(first.path("inputsRead").asInt()).isEqualTo(3);
    byte[] bytes = Files.readAllBytes(ws.path("build/game.pack"));
    Object inode = inode("build/game.pack");
    FileTime modified = Files.getLastModifiedTime(ws.path("build/game.pack"));

    JsonNode again = build();

    assertThat(again.path("inputsRead").asInt()).isZero();
    assertThat(again.path("processed").asInt()).isZero();
    assertThat(again.path("cacheHits").asInt()).isEqualTo(3);
    assertThat(again.path("rewritten").asBoolean()).isFalse();
    assertThat(again.path("sha256").asText()).isEqualTo(first.path("sha256").asText());
    assertThat(inode("build/game.pack")).isEqualTo(inode);
    assertThat(Files.getLastModifiedTime(ws.path("build/game.pack"))).isEqualTo(modified);
    assertThat(Files.readAllBytes(ws.path("build/game.pack"))).isEqualTo(bytes);
  }

  @Test
  void theHumanSummarySaysWhatWasReused() {
    assertThat(ws.run("build")).succeeds();

    assertThat(ws.run("build")).succeeds()
        .printed("3 entries")
        .printed("3 cache hits (0 processed, 3 copied from the previous pack), pack unchanged");
  }

  @Test
  void afterOneAssetChangesOnlyItIsReadAndProcessedAndTheRestIsCopied() throws Exception {
    build();
    ws.write("assets/song/song.bin", "la la la, louder");

    JsonNode changed = build();

    assertThat(changed.path("inputsRead").asInt()).isEqualTo(1);
    assertThat(changed.path("processed").asInt()).isEqualTo(1);
    assertThat(changed.path("copied").asInt()).isEqualTo(2);
    assertThat(changed.path("rewritten").asBoolean()).isTrue();
    assertThat(ws.run("verify", "build/game.pack")).succeeds();
    CliResult song = ws.run("extract", "build/game.pack", "song");
    assertThat(song.out()).isEqualTo("la la la, louder");
    // The same bytes as a cold build with no cache and no previous pack.
    deleteTree(ws.path(".packer/cache/build"));
    JsonNode cold = build("--out", "cold");
    assertThat(cold.path("processed").asInt()).isEqualTo(3);
    assertThat(Files.readAllBytes(ws.path("cold/game.pack"))).isEqualTo(Files.readAllBytes(ws.path("build/game.pack")));
  }

  @Test
  void aDamagedCacheValueIsDiscardedAndRebuiltAndThePackIsTheSame() throws Exception {
    build();
    byte[] cold = Files.readAllBytes(ws.path("build/game.pack"));
    deleteTree(ws.path("build"));
    List<Path> values = cacheValues();
    assertThat(values).hasSize(2); // credits and level; the song, a blob stored raw, is its own input
    byte[] damaged = Files.readAllBytes(values.get(0));
    damaged[damaged.length - 1] ^= 1;
    Files.write(values.get(0), damaged);

    JsonNode rebuilt = build();

    assertThat(rebuilt.path("processed").asInt()).isEqualTo(2); // the damaged one and the song
    assertThat(rebuilt.path("cacheHits").asInt()).isEqualTo(1);
    assertThat(Files.readAllBytes(ws.path("build/game.pack"))).isEqualTo(cold);
  }

  @Test
  void aFileRewrittenWithTheSameSizeAndTimeIsReadAgain() throws Exception {
    Path song = ws.path("assets/song/song.bin");
    FileTime time = Files.getLastModifiedTime(song);
    build();
    ws.write("assets/song/song.bin", "LA LA LA");
    Files.setLastModifiedTime(song, time);

    JsonNode rebuilt = build();

    assertThat(rebuilt.path("inputsRead").asInt()).isEqualTo(1);
    assertThat(rebuilt.path("processed").asInt()).isEqualTo(1);
    assertThat(ws.run("extract", "build/game.pack", "song").out()).isEqualTo("LA LA LA");
  }

  @Test
  void gcRemovesValuesNoAssetNeedsAndKeepsTheOthers() throws Exception {
    build();
    ws.write("assets/level/level.json", "{ \"b\": 2 }");
    build();
    assertThat(cacheValues()).hasSize(3);

    CliResult gc = ws.run("gc", "--json");

    assertThat(gc).succeeds();
    assertThat(gc.json().path("files").asInt()).isEqualTo(1);
    assertThat(gc.json().path("bytes").asLong()).isPositive();
    assertThat(gc.json().path("kept").asInt()).isEqualTo(2);
    assertThat(cacheValues()).hasSize(2);
    // Every value the build needs is still there: a build elsewhere takes all of them.
    JsonNode elsewhere = build("--out", "elsewhere");
    assertThat(elsewhere.path("processed").asInt()).isEqualTo(1); // the song: a blob is its own input
    assertThat(elsewhere.path("cacheHits").asInt()).isEqualTo(2);
    assertThat(ws.run("gc")).succeeds().printed("removed 0 cached files");
  }

  @Test
  void gcDropsTheFingerprintsOfFilesThatAreNoLongerInputs() throws Exception {
    build();
    ws.asset("assets/song").name("song").type("blob").input("song2.bin", "another song").create();

    CliResult gc = ws.run("gc", "--json");

    assertThat(gc).succeeds();
    assertThat(gc.json().path("fingerprints").asInt()).isEqualTo(1); // assets/song/song.bin
    assertThat(ws.read(".packer/cache/build/fingerprints")).doesNotContain("assets/song/song.bin")
        .contains("assets/song/song2.bin");
  }

  @Test
  void gcRefusesAWorkspaceWithErrorsAndDeletesNothing() throws Exception {
    build();
    ws.write("assets/level/asset.json", "{ \"type\": ");

    CliResult gc = ws.run("gc");

    assertThat(gc).exitsWith(ExitCode.PROBLEMS).printed("assets/level/asset.json:").complained("nothing was deleted");
    assertThat(cacheValues()).hasSize(2);
  }

  @Test
  void theProgressBarShowsOnATerminalOnlyAndNeverWithJson() {
    CliResult onTerminal = ws.cli().interactive().run("build");
    CliResult piped = ws.run("build");
    CliResult jsonOnTerminal = ws.cli().interactive().run("build", "--json");

    assertThat(onTerminal).succeeds();
    assertThat(onTerminal.err()).contains("\r").contains("build");
    assertThat(piped.err()).doesNotContain("\r");
    assertThat(jsonOnTerminal.err()).doesNotContain("\r");
    assertThat(jsonOnTerminal.json().path("entries").asInt()).isEqualTo(3);
  }

  private List<Path> cacheValues() throws IOException {
    try (Stream<Path> walk = Files.walk(ws.path(".packer/cache/build/values"))) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
