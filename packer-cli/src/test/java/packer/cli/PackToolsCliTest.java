package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 3: {@code packer verify}, {@code inspect} and {@code extract} on a built pack. */
class PackToolsCliTest {

  @TempDir Path dir;

  private TestWorkspace ws;
  private String creditsId;

  @BeforeEach
  void builtPack() {
    ws = TestWorkspace.init(dir);
    ws.asset("assets/credits").name("credits").type("text").input("credits.txt", "thanks\r\nto all\r\n").create();
    ws.asset("assets/zeta").name("zeta").type("blob").input("z.bin", "zzz").create();
    ws.asset("assets/level").name("Level Ü").type("json").input("level.json", "{ \"b\": 1 }").create();
    assertThat(ws.run("adopt", "--all")).succeeds();
    assertThat(ws.run("build")).succeeds();
    creditsId = ws.listed("name", "credits").path("id").asText();
  }

  @Test
  void verifyOfAFreshPackSucceeds() {
    assertThat(ws.run("verify", "build/game.pack")).succeeds().printed("build/game.pack: ok, 3 entries");
  }

  @Test
  void inspectJsonListsEntriesSortedById() {
    JsonNode inspected = ws.run("inspect", "build/game.pack", "--json").json();

    List<String> ids = new ArrayList<>();
    inspected.path("entries").forEach(entry -> ids.add(entry.path("id").asText()));
    assertThat(ids).hasSize(3).isSorted();
    List<String> expected = new ArrayList<>();
    ws.ls().forEach(asset -> expected.add(asset.path("id").asText()));
    assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
    JsonNode credits = inspected.path("entries").get(ids.indexOf(creditsId));
    assertThat(credits.path("name").asText()).isEqualTo("credits");
    assertThat(credits.path("type").asText()).isEqualTo("text");
    assertThat(credits.path("compression").asText()).isEqualTo("none");
    assertThat(credits.path("rawSize").asLong()).isEqualTo(14);
    assertThat(credits.path("sha256").asText()).hasSize(64);
  }

  @Test
  void inspectPrintsATableSortedById() {
    CliResult inspected = ws.run("inspect", "build/game.pack");

    assertThat(inspected).succeeds().printed("Level Ü").printed("none");
    List<String> lines = inspected.outLines();
    assertThat(lines.get(0)).startsWith("ID").contains("NAME", "TYPE", "COMPRESSION", "SHA256");
    assertThat(lines.subList(1, lines.size())).hasSize(3).isSorted();
  }

  @Test
  void extractByNameGivesTheProcessedBytes() {
    CliResult extracted = ws.run("extract", "build/game.pack", "credits");

    assertThat(extracted).succeeds();
    assertThat(extracted.out()).isEqualTo("thanks\nto all\n");
  }

  @Test
  void extractByIdPrefixToAFileGivesTheProcessedBytes() throws Exception {
    CliResult extracted = ws.run("extract", "build/game.pack", creditsId.substring(0, 6), "-o", "credits.out");

    assertThat(extracted).succeeds();
    assertThat(ws.read("credits.out")).isEqualTo("thanks\nto all\n");
  }

  @Test
  void extractByFullIdAndNonAsciiName() {
    assertThat(ws.run("extract", "build/game.pack", creditsId).out()).isEqualTo("thanks\nto all\n");
    assertThat(ws.run("extract", "build/game.pack", "Level Ü").out()).isEqualTo("{\"b\":1}");
  }

  @Test
  void extractOfAnUnknownRefExitsTwo() {
    assertThat(ws.run("extract", "build/game.pack", "nosuch")).exitsWith(ExitCode.USAGE)
        .complained("no entry 'nosuch'");
  }

  @Test
  void verifyAfterFlippingOneByteOfAnEntryFailsNamingIt() throws Exception {
    JsonNode inspected = ws.run("inspect", "build/game.pack", "--json").json();
    long offset = -1;
    for (JsonNode entry : inspected.path("entries")) {
      if (entry.path("id").asText().equals(creditsId)) {
        offset = entry.path("offset").asLong();
      }
    }
    try (RandomAccessFile file = new RandomAccessFile(ws.path("build/game.pack").toFile(), "rw")) {
      file.seek(offset + 2);
      int b = file.read();
      file.seek(offset + 2);
      file.write(b ^ 0x01);
    }

    CliResult verified = ws.run("verify", "build/game.pack");

    assertThat(verified).exitsWith(ExitCode.PROBLEMS)
        .printed("build/game.pack: offset ")
        .printed("entry " + creditsId + " (credits)");
    JsonNode json = ws.run("verify", "build/game.pack", "--json").json();
    assertThat(json.path("ok").asBoolean()).isFalse();
    assertThat(json.path("entry").path("id").asText()).isEqualTo(creditsId);
  }

  @Test
  void verifyOfAFileThatIsNotAPackExitsOne() throws Exception {
    Files.write(ws.path("junk.pack"), "not a pack at all".getBytes(StandardCharsets.UTF_8));

    assertThat(ws.run("verify", "junk.pack")).exitsWith(ExitCode.PROBLEMS).printed("junk.pack: offset ");
    assertThat(ws.run("inspect", "junk.pack")).exitsWith(ExitCode.PROBLEMS).complained("junk.pack: offset ");
  }

  @Test
  void aMissingPackIsAnIoErrorNamedAsTyped() {
    CliResult verified = ws.run("verify", "build/nosuch.pack");

    assertThat(verified).exitsWith(ExitCode.IO).complained("no such file: build/nosuch.pack");
    assertThat(verified.err()).doesNotContain(dir.toString());
  }

  @Test
  void aFolderGivenAsAPackIsAnIoErrorThatSaysSo() throws Exception {
    Files.createDirectories(ws.path("build"));

    for (String command : List.of("verify", "inspect")) {
      assertThat(ws.run(command, "build")).exitsWith(ExitCode.IO).complained("build: is a folder, not a pack file");
    }
    assertThat(ws.run("extract", "build", "x")).exitsWith(ExitCode.IO)
        .complained("build: is a folder, not a pack file");
  }
}
