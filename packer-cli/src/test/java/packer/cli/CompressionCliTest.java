package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: per-entry compression, none or zstd, chosen per workspace and per asset. */
class CompressionCliTest {

  private static final String STORY = "Once upon a time there was a pack.\n".repeat(100);

  @TempDir Path dir;

  private TestWorkspace ws;

  @BeforeEach
  void aZstdWorkspace() {
    ws = TestWorkspace.init(dir);
    ws.write("packer.json", ws.read("packer.json").replace("\"compression\": \"none\"", "\"compression\": \"zstd\""));
    ws.asset("assets/story").name("story").type("text").input("story.txt", STORY).create();
    ws.asset("assets/tiny").name("tiny").type("blob").input("tiny.bin", "x").create();
    ws.asset("assets/plain").name("plain").type("text").input("plain.txt", STORY).key("compression", "\"none\"").create();
    assertThat(ws.run("adopt", "--all")).succeeds();
  }

  private Map<String, JsonNode> inspect() {
    JsonNode inspected = ws.run("inspect", "build/game.pack", "--json").json();
    Map<String, JsonNode> byName = new TreeMap<>();
    inspected.path("entries").forEach(entry -> byName.put(entry.path("name").asText(), entry));
    return byName;
  }

  @Test
  void zstdEntriesAreSmallerAndVerifyAndExtractToTheirRawBytes() {
    assertThat(ws.run("build")).succeeds();

    JsonNode story = inspect().get("story");
    assertThat(story.path("compression").asText()).isEqualTo("zstd");
    assertThat(story.path("storedSize").asLong()).isLessThan(story.path("rawSize").asLong() / 10);
    assertThat(ws.run("verify", "build/game.pack")).succeeds().printed("ok, 3 entries");
    assertThat(ws.run("extract", "build/game.pack", "story").out()).isEqualTo(STORY);
    assertThat(ws.run("extract", "build/game.pack", "story", "-o", "story.out")).succeeds();
    assertThat(ws.read("story.out")).isEqualTo(STORY);
  }

  @Test
  void anEntryThatCompressionDoesNotShrinkIsStoredRawAndAnAssetCanOptOut() {
    assertThat(ws.run("build")).succeeds();

    Map<String, JsonNode> entries = inspect();
    assertThat(entries.get("tiny").path("compression").asText()).isEqualTo("none");
    assertThat(entries.get("plain").path("compression").asText()).isEqualTo("none");
    assertThat(ws.read("build/game.manifest.json")).contains("\"library\":\"zstd-jni\"");
  }

  @Test
  void anAssetCanAskForZstdInAWorkspaceThatStoresRaw() {
    ws.write("packer.json", ws.read("packer.json").replace("\"compression\": \"zstd\"", "\"compression\": \"none\""));
    ws.asset("assets/plain").name("plain").type("text").input("plain.txt", STORY).key("compression", "\"zstd\"").create();

    assertThat(ws.run("build")).succeeds();

    Map<String, JsonNode> entries = inspect();
    assertThat(entries.get("plain").path("compression").asText()).isEqualTo("zstd");
    assertThat(entries.get("story").path("compression").asText()).isEqualTo("none");
  }

  @Test
  void aBadCompressionValueIsADiagnosticAtItsLine() {
    ws.asset("assets/plain").name("plain").type("text").input("plain.txt", STORY).key("compression", "\"lz4\"").create();

    CliResult built = ws.run("build");

    assertThat(built).exitsWith(ExitCode.PROBLEMS)
        .reportsError("assets/plain/asset.json", 5, 18, "bad-value", "'compression' must be \"none\" or \"zstd\"");
  }

  @Test
  void verifyFindsADamagedZstdEntry() throws Exception {
    assertThat(ws.run("build")).succeeds();
    JsonNode story = inspect().get("story");
    Path pack = ws.path("build/game.pack");
    byte[] bytes = Files.readAllBytes(pack);
    int at = (int) (story.path("offset").asLong() + story.path("storedSize").asLong() / 2);
    bytes[at] ^= 0x40;
    Files.write(pack, bytes);

    CliResult verified = ws.run("verify", "build/game.pack");

    assertThat(verified).exitsWith(ExitCode.PROBLEMS).printed("entry " + story.path("id").asText() + " (story)");
    assertThat(ws.run("extract", "build/game.pack", "story", "-o", "story.out")).exitsWith(ExitCode.PROBLEMS);
    assertThat(ws.exists("story.out")).isFalse();
  }
}
