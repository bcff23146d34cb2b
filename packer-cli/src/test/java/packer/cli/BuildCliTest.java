package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: {@code packer build}. */
class BuildCliTest {

  @TempDir Path dir;

  private TestWorkspace ws;

  @BeforeEach
  void twoAssets() {
    ws = TestWorkspace.init(dir);
    ws.asset("assets/credits").name("credits").type("text").input("credits.txt", "a\r\nb\r\n").create();
    ws.asset("assets/level").name("level").type("json").input("level.json", "{ \"b\": 1, \"a\": 2 }").create();
    assertThat(ws.run("adopt", "--all")).succeeds();
  }

  @Test
  void buildWritesThePackAndManifestAndEndsWithASummary() throws Exception {
    CliResult built = ws.run("build");

    assertThat(built).succeeds().printed("built build/game.pack and build/game.manifest.json: 2 entries")
        .printed("0 cache hits").didNotPrint(dir.toString());
    assertThat(ws.exists("build/game.pack")).isTrue();
    assertThat(ws.read("build/game.manifest.json")).contains("\"name\":\"credits\"");
  }

  @Test
  void jsonSummaryNamesThePackRelativeToTheWorkspaceAndItsHash() throws Exception {
    JsonNode summary = ws.run("build", "--json", "--threads", "3").json();

    assertThat(summary.path("pack").asText()).isEqualTo("build/game.pack");
    assertThat(summary.path("manifest").asText()).isEqualTo("build/game.manifest.json");
    assertThat(summary.path("entries").asInt()).isEqualTo(2);
    assertThat(summary.path("cacheHits").asInt()).isZero();
    assertThat(summary.path("bytes").path("out").asLong()).isEqualTo(Files.size(ws.path("build/game.pack")));
    String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(ws.path("build/game.pack"))));
    assertThat(summary.path("sha256").asText()).isEqualTo(sha);
  }

  @Test
  void outOverridesTheOutputFolderAndIsShownAsTyped() {
    CliResult built = ws.run("build", "--out", "dist/packs", "--json");

    assertThat(built).succeeds();
    assertThat(built.json().path("pack").asText()).isEqualTo("dist/packs/game.pack");
    assertThat(ws.exists("dist/packs/game.pack")).isTrue();
    assertThat(ws.exists("build/game.pack")).isFalse();
  }

  @Test
  void oneAndFourThreadsWriteTheSameBytes() throws Exception {
    assertThat(ws.run("build", "--threads", "1")).succeeds();
    byte[] single = Files.readAllBytes(ws.path("build/game.pack"));
    assertThat(ws.run("build", "--threads", "4")).succeeds();

    assertThat(Files.readAllBytes(ws.path("build/game.pack"))).isEqualTo(single);
  }

  @Test
  void buildWithErrorsPrintsEveryDiagnosticExitsOneAndLeavesTheOldPack() throws Exception {
    assertThat(ws.run("build")).succeeds();
    byte[] before = Files.readAllBytes(ws.path("build/game.pack"));
    ws.write("assets/level/level.json", "{\n  \"a\": ,\n}");
    ws.write("assets/credits/credits.txt", "fine\n");
    TestWorkspace.writeBytes(ws.path("assets/credits/credits.txt"), new byte[] {'o', 'k', '\n', (byte) 0xc3});

    CliResult failed = ws.run("build");

    assertThat(failed).exitsWith(ExitCode.PROBLEMS)
        .printed("assets/credits/credits.txt:")
        .printed("assets/level/level.json:2:")
        .printed("error[processing-failed]")
        .complained("build failed: 2 errors");
    assertThat(Files.readAllBytes(ws.path("build/game.pack"))).isEqualTo(before);
  }

  @Test
  void buildRefusesAWorkspaceWithErrorsBeforeProcessing() throws Exception {
    assertThat(ws.run("build")).succeeds();
    byte[] before = Files.readAllBytes(ws.path("build/game.pack"));
    ws.write("assets/level/asset.json", "{ \"name\": ");
    ws.asset("assets/broken").name("broken").type("nosuchtype").input("x.bin", "x").create();

    CliResult failed = ws.run("build");

    assertThat(failed).exitsWith(ExitCode.PROBLEMS)
        .printed("assets/level/asset.json:")
        .printed("assets/broken/asset.json:");
    assertThat(Files.readAllBytes(ws.path("build/game.pack"))).isEqualTo(before);
  }

  @Test
  void zeroThreadsIsAUsageError() {
    assertThat(ws.run("build", "--threads", "0")).exitsWith(ExitCode.USAGE).complained("--threads");
  }

  @Test
  void anAssetNotAdoptedYetIsAWarningAndStaysOutOfThePack() {
    ws.asset("assets/later").name("later").type("blob").input("later.bin", "later").create();

    CliResult built = ws.run("build");

    assertThat(built).succeeds().reportsWarning("assets/later/asset.json", 0, 0, "unregistered")
        .printed("2 entries");
    assertThat(built.outLines().get(built.outLines().size() - 1)).startsWith("built ");
  }
}
