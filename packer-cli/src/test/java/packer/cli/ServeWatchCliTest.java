package packer.cli;

import static packer.cli.CliResultAssert.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code packer serve} watches the files: an edit on disk reaches a client as a {@code snapshot} event. */
class ServeWatchCliTest {

  @TempDir Path dir;
  TestWorkspace workspace;
  Process child;
  String heroId;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    workspace.asset("assets/hero").name("hero").input("hero.bin", "HERO").create();
    heroId = workspace.adopt("assets/hero");
  }

  @AfterEach
  void stop() throws Exception {
    if (child != null) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void anEditOnDiskIsASnapshotEvent() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "serve");
    builder.directory(workspace.root().toFile());
    builder.redirectError(dir.resolve("serve.err").toFile());
    builder.redirectOutput(dir.resolve("serve.out").toFile());
    child = builder.start();
    Matcher studio = ServeCliTest.STUDIO_LINE.matcher(firstLine());
    Assertions.assertThat(studio.matches()).isTrue();

    BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);
    HttpResponse<Stream<String>> events = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(studio.group(1) + "/api/events")).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofLines());
    Assertions.assertThat(events.statusCode()).isEqualTo(200);
    Thread reader = new Thread(() -> {
      Iterator<String> it = events.body().iterator();
      while (it.hasNext()) {
        lines.offer(it.next());
      }
    });
    reader.setDaemon(true);
    reader.start();

    // The server may still be setting up the watch: keep editing until an event comes (each edit
    // after it is set up is seen; one made before is found by its first full read).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String data = null;
    for (int edit = 1; data == null && System.nanoTime() < deadline; edit++) {
      workspace.write("assets/hero/hero.bin", "HERO, edit " + edit);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      String line;
      boolean snapshot = false;
      while (data == null && (line = lines.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
        if (line.equals("event: snapshot")) {
          snapshot = true;
        } else if (snapshot && line.startsWith("data: ")) {
          data = line;
        }
      }
    }
    Assertions.assertThat(data).as("a snapshot event; stderr: %s", Files.readString(dir.resolve("serve.err")))
        .isNotNull().contains("\"changed\":[\"" + heroId + "\"]");
    child.destroy();
    Assertions.assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(workspace.run("check")).succeeds();
  }

  private String firstLine() throws Exception {
    Path out = dir.resolve("serve.out");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline && child.isAlive()) {
      String text = Files.exists(out) ? Files.readString(out) : "";
      if (text.contains("\n")) {
        return text.substring(0, text.indexOf('\n'));
      }
      Thread.sleep(50);
    }
    return Assertions.fail("no line; stderr: %s", Files.readString(dir.resolve("serve.err")));
  }
}
