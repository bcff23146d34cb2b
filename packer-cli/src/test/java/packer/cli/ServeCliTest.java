package packer.cli;

import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * {@code packer serve}: refusals in this JVM; the whole life of a server (one line printed, an
 * owner-only discovery file, the lock held, a clean stop on SIGTERM) in a child process, as a user
 * runs it.
 */
class ServeCliTest {

  static final Pattern STUDIO_LINE = Pattern.compile("packer: serving game at (http://127\\.0\\.0\\.1:(\\d+))/\\?token=([A-Za-z0-9_-]{43})");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  TestWorkspace workspace;
  final List<Process> children = new ArrayList<>();

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    workspace.asset("assets/hero").name("hero").input("hero.bin", "HERO").create();
    assertThat(workspace.run("adopt", "assets/hero")).succeeds();
  }

  @AfterEach
  void stopChildren() throws Exception {
    for (Process child : children) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void bindingANonLoopbackAddressNeedsAllowRemote() {
    assertThat(workspace.run("serve", "--bind", "0.0.0.0")).exitsWith(ExitCode.USAGE).complained("--allow-remote");
    Assertions.assertThat(Files.exists(workspace.root().resolve(".packer/server.json"))).isFalse();
  }

  @Test
  void aBadPortOrAddressIsAUsageError() {
    assertThat(workspace.run("serve", "--port", "70000")).exitsWith(ExitCode.USAGE).complained("--port");
    assertThat(workspace.run("serve", "--bind", "no-such-host.invalid")).exitsWith(ExitCode.USAGE).complained("--bind");
  }

  @Test
  void servingOutsideAWorkspaceIsAUsageError() {
    assertThat(Cli.in(dir).run("serve")).exitsWith(ExitCode.USAGE);
  }

  @Test
  void servingAWorkspaceAnotherWriterHoldsExitsLocked() throws Exception {
    try (Workspace held = Workspace.openForWriting(workspace.root(), Options.defaults(), "level editor of Ada")) {
      assertThat(workspace.run("serve")).exitsWith(ExitCode.LOCKED).complained("level editor of Ada");
    }
  }

  @Test
  void aServerPrintsOneLineHoldsTheLockAndCleansUpWhenStopped() throws Exception {
    Process child = startServe();
    String line = firstLine(child);
    Matcher studio = STUDIO_LINE.matcher(line == null ? "" : line);
    Assertions.assertThat(studio.matches()).as("first line: %s", line).isTrue();
    String base = studio.group(1);
    String loginToken = studio.group(3);

    Path discovery = workspace.root().resolve(".packer/server.json");
    Assertions.assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(discovery))).isEqualTo("rw-------");
    JsonNode found = JSON.readTree(discovery.toFile());
    Assertions.assertThat(found.get("url").asText()).isEqualTo(base);
    Assertions.assertThat(found.get("port").asInt()).isEqualTo(Integer.parseInt(studio.group(2)));
    Assertions.assertThat(found.get("pid").asLong()).isEqualTo(child.pid());
    Assertions.assertThat(found.toString()).doesNotContain(loginToken);

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(base + "/api/workspace")).build(),
        HttpResponse.BodyHandlers.ofString());
    Assertions.assertThat(read.statusCode()).isEqualTo(200);
    HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
        .header("Authorization", "Bearer " + found.get("token").asText())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    Assertions.assertThat(session.statusCode()).as(session.body()).isEqualTo(200);

    CliResult second = workspace.run("serve");
    assertThat(second).exitsWith(ExitCode.LOCKED).complained("packer serve (pid " + child.pid() + ")");
    // A write command hands its command to the running server (issue 4, point 3).
    CliResult write = workspace.run("rename", "hero", "knight");
    assertThat(write).succeeds().printed("renamed hero to knight");
    JsonNode listed = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/assets?q=knight")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    Assertions.assertThat(listed.get("total").asInt()).as(listed.toString()).isEqualTo(1);

    child.destroy();
    Assertions.assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    String rest = Files.readString(dir.resolve("serve.out")).substring(line.length() + 1);
    String err = Files.readString(dir.resolve("serve.err"));
    Assertions.assertThat(rest).as("nothing printed after the studio line").isEmpty();
    Assertions.assertThat(err).doesNotContain(loginToken).doesNotContain(found.get("token").asText());
    Assertions.assertThat(Files.exists(discovery)).as("discovery file removed").isFalse();
    assertThat(workspace.run("rename", "knight", "hero")).succeeds();
  }

  @Test
  void aDiscoveryFileLeftByADeadServerIsReplaced() throws Exception {
    Process gone = new ProcessBuilder(javaBinary(), "-version").redirectErrorStream(true).start();
    gone.getInputStream().readAllBytes();
    gone.waitFor();
    Path discovery = workspace.root().resolve(".packer/server.json");
    Files.writeString(discovery, "{\"format\": 1, \"pid\": " + gone.pid()
        + ", \"url\": \"http://127.0.0.1:1\", \"port\": 1, \"token\": \"old\"}\n");

    Process child = startServe();
    String line = firstLine(child);
    Assertions.assertThat(line).startsWith("packer: serving game at ");

    JsonNode found = JSON.readTree(discovery.toFile());
    Assertions.assertThat(found.get("pid").asLong()).isEqualTo(child.pid());
    Assertions.assertThat(found.get("token").asText()).isNotEqualTo("old");
    Assertions.assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(discovery))).isEqualTo("rw-------");
    child.destroy();
    Assertions.assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(dir.resolve("serve.err"));
    Assertions.assertThat(err).contains("replaced .packer/server.json").contains("pid " + gone.pid());
  }

  @Test
  void openHandsTheStudioLinkToTheSystemsOpener() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path opened = dir.resolve("opened.txt");
    Path opener = bin.resolve("xdg-open");
    Files.writeString(opener, "#!/bin/sh\nprintf '%s' \"$1\" > '" + opened + "'\n");
    opener.toFile().setExecutable(true);

    Process child = startServe(bin.toString(), "--open");
    String line = firstLine(child);
    Matcher studio = STUDIO_LINE.matcher(line);
    Assertions.assertThat(studio.matches()).as("first line: %s", line).isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(opened) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Assertions.assertThat(Files.exists(opened)).as("xdg-open was run").isTrue();
    Assertions.assertThat(Files.readString(opened)).isEqualTo(studio.group(1) + "/?token=" + studio.group(3));
  }

  @Test
  void openWithoutAnyOpenerSaysSoAndKeepsServing() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty-bin"));

    Process child = startServe(empty.toString(), "--open");
    Matcher studio = STUDIO_LINE.matcher(firstLine(child));
    Assertions.assertThat(studio.matches()).isTrue();
    Path err = dir.resolve("serve.err");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(err).contains("could not open a browser") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Assertions.assertThat(Files.readString(err)).contains("could not open a browser").contains("open the link above");
    HttpResponse<String> read = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(studio.group(1) + "/api/workspace")).build(), HttpResponse.BodyHandlers.ofString());
    Assertions.assertThat(read.statusCode()).isEqualTo(200);
    Assertions.assertThat(child.isAlive()).isTrue();
  }

  private Process startServe() throws Exception {
    return startServe(null);
  }

  /** Starts {@code packer serve ARGS}; with {@code path}, that is the child's whole PATH and it has no desktop. */
  private Process startServe(String path, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    if (path != null) {
      command.add("-Djava.awt.headless=true");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    if (path != null) {
      builder.environment().put("PATH", path);
    }
    builder.directory(workspace.root().toFile());
    builder.environment().put("LC_ALL", "C.UTF-8");
    builder.redirectError(dir.resolve("serve.err").toFile());
    builder.redirectOutput(dir.resolve("serve.out").toFile());
    Process child = builder.start();
    children.add(child);
    return child;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The first line the child printed, waiting for it while the child lives (a loaded machine is slow). */
  private String firstLine(Process child) throws Exception {
    Path out = dir.resolve("serve.out");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(out) ? Files.readString(out) : "";
      if (text.contains("\n")) {
        return text.substring(0, text.indexOf('\n'));
      }
      if (!child.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    Assertions.fail("no line printed; stdout: %s; stderr: %s", Files.exists(out) ? Files.readString(out) : "",
        Files.readString(dir.resolve("serve.err")));
    return null;
  }
}
