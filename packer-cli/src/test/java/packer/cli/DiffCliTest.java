package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.pack.Compression;
import packer.pack.PackWriter;
import packer.pack.Sha256;
import packer.pack.StoredBytes;

/** Issue 3, point 3: {@code packer diff A B} shows what a patch from pack A to pack B would carry. */
class DiffCliTest {

  @TempDir Path dir;

  private TestWorkspace ws;
  private String creditsId;
  private String zetaId;
  private String levelId;
  private String titleId;

  /** a.pack, then a rename, an edit, a removal, an addition and a type change, then b.pack. */
  @BeforeEach
  void twoBuilds() throws Exception {
    ws = TestWorkspace.init(dir);
    ws.asset("assets/credits").name("credits").type("text").input("credits.txt", "thanks\n").create();
    ws.asset("assets/zeta").name("zeta").type("blob").input("z.bin", "zzz").create();
    ws.asset("assets/level").name("Level Ü").type("json").input("level.json", "{\"b\": 1}").create();
    ws.asset("assets/title").name("title").type("blob").input("title.txt", "Title\n").create();
    assertThat(ws.run("adopt", "--all")).succeeds();
    assertThat(ws.run("build")).succeeds();
    Files.copy(ws.path("build/game.pack"), ws.path("a.pack"));
    creditsId = ws.listed("name", "credits").path("id").asText();
    zetaId = ws.listed("name", "zeta").path("id").asText();
    levelId = ws.listed("name", "Level Ü").path("id").asText();
    titleId = ws.listed("name", "title").path("id").asText();

    assertThat(ws.run("rename", "credits", "thanks")).succeeds();
    ws.write("assets/level/level.json", "{\"b\": 2}");
    assertThat(ws.run("rm", "zeta")).succeeds();
    ws.write("assets/title/asset.json", "{\"name\": \"title\", \"type\": \"text\", \"inputs\": [\"title.txt\"]}\n");
    ws.asset("assets/hero").name("hero").type("blob").input("hero.bin", "hero bytes").create();
    assertThat(ws.run("adopt", "assets/hero")).succeeds();
    assertThat(ws.run("build")).succeeds();
    Files.copy(ws.path("build/game.pack"), ws.path("b.pack"));
  }

  private String heroId() {
    return ws.listed("name", "hero").path("id").asText();
  }

  @Test
  void listsAddedRemovedAndChangedEntriesByIdWithTheirNames() {
    CliResult diff = ws.run("diff", "a.pack", "b.pack");

    assertThat(diff).succeeds().complained("1 added, 1 removed, 3 changed, 0 unchanged; 17 bytes of data to carry\n");
    List<String> lines = diff.outLines();
    assertThat(lines.get(0).split(" +")).containsExactly("CHANGE", "ID", "NAME", "TYPE", "RAW", "DETAILS");
    List<String> rows = lines.subList(1, lines.size());
    assertThat(rows).hasSize(5);
    List<String> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.split(" +")[1]));
    assertThat(ids).isSorted().containsExactlyInAnyOrder(creditsId, zetaId, levelId, titleId, heroId());
    assertThat(row(rows, heroId())).startsWith("added ").contains(" hero ", " blob ").endsWith(" 10");
    assertThat(row(rows, zetaId)).startsWith("removed ").contains(" zeta ", " blob ").endsWith(" 3");
    assertThat(row(rows, creditsId)).startsWith("changed ").contains(" thanks ").endsWith("name (was credits)");
    assertThat(row(rows, levelId)).startsWith("changed ").contains(" Level Ü ").matches(".* 7 +content");
    assertThat(row(rows, titleId)).startsWith("changed ").contains(" text ").endsWith("type (was blob)");
    assertThat(diff.out()).doesNotContain(" \n");
  }

  private static String row(List<String> rows, String id) {
    return rows.stream().filter(row -> row.contains(" " + id + " ")).findFirst().orElseThrow();
  }

  @Test
  void aChangeOfSizeShowsBothSizes() throws Exception {
    ws.write("assets/level/level.json", "{\"b\": 2, \"c\": [1, 2, 3]}");
    assertThat(ws.run("build")).succeeds();

    CliResult diff = ws.run("diff", "a.pack", "build/game.pack");

    assertThat(row(diff.outLines(), levelId)).matches(".* 7 -> 19 +content");
  }

  @Test
  void jsonGivesEachEntryWithSizesAndHashesBeforeAndAfter() {
    JsonNode diff = ws.run("diff", "a.pack", "b.pack", "--json").json();
    JsonNode a = ws.run("inspect", "a.pack", "--json").json().path("entries");
    JsonNode b = ws.run("inspect", "b.pack", "--json").json().path("entries");

    assertThat(diff.path("a").asText()).isEqualTo("a.pack");
    assertThat(diff.path("b").asText()).isEqualTo("b.pack");
    assertThat(diff.path("unchanged").asInt()).isZero();
    assertThat(diff.path("bytesToCarry").asLong()).as("hero's 10 bytes and the level's 7; renames carry none")
        .isEqualTo(17);
    assertThat(diff.path("added")).hasSize(1);
    assertEntry(diff.path("added").get(0), find(b, heroId()));
    assertThat(diff.path("removed")).hasSize(1);
    assertEntry(diff.path("removed").get(0), find(a, zetaId));

    JsonNode changed = diff.path("changed");
    List<String> ids = new ArrayList<>();
    changed.forEach(entry -> ids.add(entry.path("id").asText()));
    assertThat(ids).isSorted().containsExactlyInAnyOrder(creditsId, levelId, titleId);
    for (JsonNode entry : changed) {
      String id = entry.path("id").asText();
      assertEntry(entry.path("before"), find(a, id));
      assertEntry(entry.path("after"), find(b, id));
      assertThat(entry.path("name").asText()).isEqualTo(find(b, id).path("name").asText());
    }
    assertThat(changes(changed.get(ids.indexOf(creditsId)))).containsExactly("name");
    assertThat(changes(changed.get(ids.indexOf(levelId)))).containsExactly("content");
    assertThat(changes(changed.get(ids.indexOf(titleId)))).containsExactly("type");
    JsonNode level = changed.get(ids.indexOf(levelId));
    assertThat(level.path("before").path("sha256").asText())
        .isEqualTo(Sha256.digest("{\"b\":1}".getBytes(StandardCharsets.UTF_8)).hex());
    assertThat(level.path("after").path("sha256").asText())
        .isEqualTo(Sha256.digest("{\"b\":2}".getBytes(StandardCharsets.UTF_8)).hex());
  }

  private static void assertEntry(JsonNode diffed, JsonNode inspected) {
    for (String field : List.of("id", "name", "type", "rawSize", "storedSize", "compression", "sha256")) {
      assertThat(diffed.path(field)).as(field).isEqualTo(inspected.path(field));
    }
  }

  private static JsonNode find(JsonNode entries, String id) {
    for (JsonNode entry : entries) {
      if (entry.path("id").asText().equals(id)) {
        return entry;
      }
    }
    throw new AssertionError("no entry " + id + " in " + entries);
  }

  private static List<String> changes(JsonNode changed) {
    List<String> changes = new ArrayList<>();
    changed.path("changes").forEach(change -> changes.add(change.asText()));
    return changes;
  }

  @Test
  void theOtherWayRoundAddedAndRemovedSwap() {
    JsonNode forward = ws.run("diff", "a.pack", "b.pack", "--json").json();
    JsonNode backward = ws.run("diff", "b.pack", "a.pack", "--json").json();

    assertThat(backward.path("added")).isEqualTo(forward.path("removed"));
    assertThat(backward.path("removed")).isEqualTo(forward.path("added"));
    for (int i = 0; i < forward.path("changed").size(); i++) {
      assertThat(backward.path("changed").get(i).path("before")).isEqualTo(forward.path("changed").get(i).path("after"));
    }
  }

  @Test
  void identicalPacksHaveNoDifferencesAndExitZero() {
    CliResult diff = ws.run("diff", "b.pack", "build/game.pack");

    assertThat(diff).succeeds().complained("no differences: 4 entries in both");
    assertThat(diff.out()).isEmpty();
    JsonNode json = ws.run("diff", "b.pack", "build/game.pack", "--json").json();
    assertThat(json.path("added")).isEmpty();
    assertThat(json.path("removed")).isEmpty();
    assertThat(json.path("changed")).isEmpty();
    assertThat(json.path("unchanged").asInt()).isEqualTo(4);
  }

  @Test
  void compressionAndStoredSizeChangesAreChangesToo() throws Exception {
    byte[] raw = "some raw bytes".getBytes(StandardCharsets.UTF_8);
    Sha256 hash = Sha256.digest(raw);
    long low = 0x0123456789abcdefL;
    long high = 0xfedcba9876543210L; // negative as a long: must still sort after low
    new PackWriter()
        .add(low, "blob", "low", Compression.NONE, raw.length, hash, StoredBytes.of(raw))
        .add(high, "blob", "high", Compression.ZSTD, raw.length, hash, StoredBytes.of(new byte[5]))
        .writeTo(ws.path("x.pack"));
    new PackWriter()
        .add(low, "blob", "low", Compression.ZSTD, raw.length, hash, StoredBytes.of(new byte[5]))
        .add(high, "blob", "high", Compression.ZSTD, raw.length, hash, StoredBytes.of(new byte[7]))
        .writeTo(ws.path("y.pack"));

    CliResult diff = ws.run("diff", "x.pack", "y.pack");

    assertThat(diff).succeeds().complained("0 added, 0 removed, 2 changed, 0 unchanged; 12 bytes of data to carry");
    assertThat(diff.outLines()).hasSize(3);
    assertThat(diff.outLines().get(1)).startsWith("changed  0123456789abcdef  low").endsWith("compression none -> zstd");
    assertThat(diff.outLines().get(2)).startsWith("changed  fedcba9876543210  high").endsWith("stored size 5 -> 7");
    JsonNode json = ws.run("diff", "x.pack", "y.pack", "--json").json();
    assertThat(changes(json.path("changed").get(0))).containsExactly("compression");
    assertThat(changes(json.path("changed").get(1))).containsExactly("stored");
  }

  @Test
  void aMissingPackIsAnIoErrorNamedAsTyped() {
    CliResult diff = ws.run("diff", "a.pack", "build/nosuch.pack");

    assertThat(diff).exitsWith(ExitCode.IO).complained("no such file: build/nosuch.pack");
    assertThat(diff.err()).doesNotContain(dir.toString());
    assertThat(diff.out()).isEmpty();
    assertThat(ws.run("diff", "nosuch.pack", "b.pack")).exitsWith(ExitCode.IO).complained("no such file: nosuch.pack");
  }

  @Test
  void aFolderIsAnIoErrorNamedAsTyped() {
    assertThat(ws.run("diff", "build", "b.pack")).exitsWith(ExitCode.IO).complained("build: is a folder, not a pack file");
  }

  @Test
  void aFileThatIsNotAPackExitsOneNamingIt() throws Exception {
    Files.write(ws.path("junk.pack"), "not a pack at all".getBytes(StandardCharsets.UTF_8));

    CliResult diff = ws.run("diff", "a.pack", "junk.pack");

    assertThat(diff).exitsWith(ExitCode.PROBLEMS).complained("packer: junk.pack: offset 0: not a pack");
    assertThat(diff.out()).isEmpty();
  }

  @Test
  void aDamagedIndexExitsOneNamingThePackAndTheOffset() throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(ws.path("b.pack").toFile(), "rw")) {
      long inIndex = 96 + 4; // the header is 96 bytes, the index follows (docs/pack-format.md)
      file.seek(inIndex);
      int b = file.read();
      file.seek(inIndex);
      file.write(b ^ 0x40);
    }

    CliResult diff = ws.run("diff", "a.pack", "b.pack");

    assertThat(diff).exitsWith(ExitCode.PROBLEMS).complained("packer: b.pack: offset ");
    assertThat(diff.out()).isEmpty();
  }

  @Test
  void aTruncatedPackExitsOneNamingIt() throws Exception {
    Path copy = ws.path("cut.pack");
    Files.copy(ws.path("b.pack"), copy, StandardCopyOption.REPLACE_EXISTING);
    try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw")) {
      file.setLength(file.length() - 3);
    }

    assertThat(ws.run("diff", "cut.pack", "a.pack")).exitsWith(ExitCode.PROBLEMS).complained("packer: cut.pack: offset ");
  }

  @Test
  void oneOrThreePacksIsAUsageError() {
    assertThat(ws.run("diff", "a.pack")).exitsWith(ExitCode.USAGE).complained("B");
    assertThat(ws.run("diff", "a.pack", "b.pack", "c.pack")).exitsWith(ExitCode.USAGE);
  }

  @Test
  void helpSaysWhatCountsAsAChangeAndTheExitCodes() {
    CliResult help = ws.run("diff", "--help");

    assertThat(help).succeeds().printed("content").printed("name, type or").printed("compression")
        .printed("Exits 0 whether or not the packs differ");
  }

  @Test
  void bashCompletionOffersFileNamesForBothPacks() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is installed");
    Files.writeString(ws.path("completion.sh"), ws.run("completion", "bash").out(), StandardCharsets.UTF_8);

    assertThat(complete("packer diff a.")).containsExactly("a.pack");
    assertThat(complete("packer diff a.pack b")).containsExactly("b.pack", "build");
    assertThat(complete("packer diff --js")).containsExactly("--json");
  }

  /** What bash offers after {@code line}, run in the workspace. */
  private List<String> complete(String line) throws Exception {
    String script = "source ./completion.sh 2>/dev/null; COMP_WORDS=(" + line + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));"
        + " _complete_packer 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\" | sort";
    Process bash = new ProcessBuilder("/bin/bash", "-c", script).directory(ws.root().toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor()).as("bash exit code").isZero();
    return out.lines().filter(reply -> !reply.isEmpty()).toList();
  }
}
