package packer.cli;

import static packer.cli.CliResultAssert.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * {@code packer watch} as a user runs it, in a child process: a first build, a rebuild after an
 * edit on disk, a broken asset.json reported with the previous pack left alone, a clean stop.
 */
class WatchCliTest {

  static final Pattern BUILT = Pattern.compile(
      "built build/game\\.pack: (\\d+) entr(?:y|ies) \\((\\d+) processed, (\\d+) reused\\), [\\d,]+ bytes,"
          + " sha256 ([0-9a-f]{12}), \\d+\\.\\d\\d s");

  @TempDir Path dir;
  TestWorkspace workspace;
  final List<Process> children = new ArrayList<>();

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    workspace.asset("assets/hero").name("hero").input("hero.bin", "HERO").create();
    workspace.asset("assets/tree").name("tree").input("tree.bin", "TREE").create();
    assertThat(workspace.run("adopt", "assets/hero")).succeeds();
    assertThat(workspace.run("adopt", "assets/tree")).succeeds();
  }

  @AfterEach
  void stopChildren() throws Exception {
    for (Process child : children) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void rebuildsOnEveryChangeAndKeepsThePreviousPackWhenABuildFails() throws Exception {
    Process child = startWatch();
    Matcher first = awaitLine(child, 1, BUILT);
    Assertions.assertThat(first.group(1)).isEqualTo("2");
    Path pack = workspace.path("build/game.pack");
    String firstHash = Sha.prefix(pack);
    Assertions.assertThat(first.group(4)).isEqualTo(firstHash);

    workspace.write("assets/hero/hero.bin", "HERO, edited on disk");
    Matcher second = awaitLine(child, 2, BUILT);
    Assertions.assertThat(second.group(4)).isNotEqualTo(firstHash).isEqualTo(Sha.prefix(pack));
    Assertions.assertThat(second.group(2)).as("only the edited asset is processed again").isEqualTo("1");
    Assertions.assertThat(second.group(3)).isEqualTo("1");
    byte[] goodPack = Files.readAllBytes(pack);

    workspace.write("assets/tree/asset.json", "{\"name\": \"tree\", \"type\": ");
    awaitOutput(child, "build failed: 1 error (the previous pack stays)");
    Assertions.assertThat(output()).contains("assets/tree/asset.json:1:");
    Assertions.assertThat(Files.readAllBytes(pack)).as("the previous pack stays").isEqualTo(goodPack);

    // Still watching: a fix builds again.
    workspace.write("assets/tree/asset.json", "{\"name\": \"tree\", \"type\": \"blob\", \"inputs\": [\"tree.bin\"]}\n");
    Matcher third = awaitLine(child, 3, BUILT);
    Assertions.assertThat(third.group(4)).isEqualTo(second.group(4));

    child.destroy();
    Assertions.assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    try (Workspace writable = Workspace.openForWriting(workspace.root(), Options.defaults(), "test")) {
      Assertions.assertThat(writable.isWritable()).as("the lock is released").isTrue();
    }
  }

  @Test
  void jsonPrintsOneObjectPerLineAndBuild() throws Exception {
    Process child = startWatch("--json");
    Pattern object = Pattern.compile("\\{.*\\}");
    Matcher first = awaitLine(child, 1, object);
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var built = mapper.readTree(first.group());
    Assertions.assertThat(built.get("ok").asBoolean()).isTrue();
    Assertions.assertThat(built.get("entries").asInt()).isEqualTo(2);
    Assertions.assertThat(built.get("pack").asText()).isEqualTo("build/game.pack");
    Assertions.assertThat(built.get("sha256").asText()).startsWith(Sha.prefix(workspace.path("build/game.pack")));

    workspace.write("assets/tree/asset.json", "{\"name\": ");
    var failed = mapper.readTree(awaitLine(child, 2, object).group());
    Assertions.assertThat(failed.get("ok").asBoolean()).isFalse();
    Assertions.assertThat(failed.get("errors").asInt()).isEqualTo(1);
    Assertions.assertThat(failed.get("diagnostics").get(0).get("file").asText()).isEqualTo("assets/tree/asset.json");
  }

  @Test
  void watchingAWorkspaceAnotherWriterHoldsExitsLocked() throws Exception {
    try (Workspace held = Workspace.openForWriting(workspace.root(), Options.defaults(), "level editor of Ada")) {
      assertThat(workspace.run("watch")).exitsWith(ExitCode.LOCKED).complained("level editor of Ada");
    }
  }

  @Test
  void badThreadsIsAUsageError() {
    assertThat(workspace.run("watch", "--threads", "0")).exitsWith(ExitCode.USAGE).complained("--threads");
  }

  private Process startWatch(String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "watch"));
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.directory(workspace.root().toFile());
    builder.environment().put("LC_ALL", "C.UTF-8");
    builder.redirectError(dir.resolve("watch.err").toFile());
    builder.redirectOutput(dir.resolve("watch.out").toFile());
    Process child = builder.start();
    children.add(child);
    return child;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private String output() throws Exception {
    Path out = dir.resolve("watch.out");
    return Files.exists(out) ? Files.readString(out) : "";
  }

  /** The {@code nth} line matching {@code pattern}, waiting for it while the child lives. */
  private Matcher awaitLine(Process child, int nth, Pattern pattern) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      int seen = 0;
      for (String line : output().split("\n")) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.matches() && ++seen == nth) {
          return matcher;
        }
      }
      if (!child.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    Assertions.fail("no build line #%d; stdout: %s; stderr: %s", nth, output(),
        Files.readString(dir.resolve("watch.err")));
    return null;
  }

  private void awaitOutput(Process child, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && child.isAlive()) {
      if (output().contains(text)) {
        return;
      }
      Thread.sleep(50);
    }
    Assertions.fail("no '%s'; stdout: %s; stderr: %s", text, output(), Files.readString(dir.resolve("watch.err")));
  }

  /** The first 12 hex digits of a file's SHA-256, as packer watch prints them. */
  private static final class Sha {
    static String prefix(Path file) throws Exception {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return java.util.HexFormat.of().formatHex(digest).substring(0, 12);
    }
  }
}
