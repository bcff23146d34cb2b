package packer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.id.AssetId;

/** GET /api/events: a snapshot event per commit, replay after a reconnect, reload when too old. */
class EventStreamTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  ServedWorkspace served;
  AssetId hero;
  final List<Stream<String>> open = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    Path root = ServedWorkspace.init(dir.resolve("game"), "game");
    ServedWorkspace.asset(root, "assets/hero", "hero", "blob", List.of(), Map.of("hero.bin", "HERO"));
    ServedWorkspace.asset(root, "assets/villain", "villain", "blob", List.of(), Map.of("v.bin", "V"));
    served = ServedWorkspace.serve(root);
    hero = served.adopt("assets/hero");
  }

  @AfterEach
  void tearDown() throws Exception {
    open.forEach(Stream::close);
    served.close();
  }

  /** One event as the stream sent it: its fields, comments left out. */
  record Event(String name, String id, JsonNode data) {}

  /** An open stream, read line by line on a thread of its own so a test can wait with a timeout. */
  final class Events {
    final BlockingDeque<String> lines = new LinkedBlockingDeque<>();

    Events(HttpResponse<Stream<String>> response) {
      open.add(response.body());
      Thread reader = new Thread(() -> {
        try {
          response.body().forEach(lines::add);
        } catch (RuntimeException closed) {
          // The test closed the stream.
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    /**
     * Waits for the stream's first line (its greeting comment, or a reload event) and leaves it to be
     * read: the response's headers come before the server has taken the client in, and a snapshot
     * published in between would not be sent to it.
     */
    Events greeted() throws Exception {
      String first = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(first).as("the stream's first line within " + WAIT).isNotNull();
      lines.putFirst(first);
      return this;
    }

    Event next() throws Exception {
      String name = "message";
      String id = null;
      String data = null;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertThat(line).as("an event within " + WAIT).isNotNull();
        if (line.isEmpty()) {
          if (data != null) {
            return new Event(name, id, JSON.readTree(data));
          }
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("data:")) {
          data = line.substring(5).trim();
        }
      }
    }

    void expectNothingFor(Duration quiet) throws Exception {
      long deadline = System.nanoTime() + quiet.toNanos();
      for (String line; (line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null; ) {
        assertThat(line).as("no event").matches("^(:.*)?$");
      }
    }
  }

  HttpResponse<Stream<String>> request(String... headers) throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(served.url("/api/events"))).header("Accept", "text/event-stream").GET();
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return served.client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
  }

  Events connect(String... headers) throws Exception {
    HttpResponse<Stream<String>> response = request(headers);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    return new Events(response).greeted();
  }

  long rename(AssetId id, String name) throws Exception {
    HttpResponse<String> response = served.post("/api/assets/" + id.hex() + "/rename",
        "{\"name\": \"" + name + "\"}", served.bearer());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("version").asLong();
  }

  @Test
  void aRenameOverTheApiIsASnapshotEventNamingThatIdAtTheNewVersion() throws Exception {
    Events events = connect();

    long version = rename(hero, "knight");

    Event event = events.next();
    assertThat(event.name()).isEqualTo("snapshot");
    assertThat(event.id()).isEqualTo(Long.toString(version));
    assertThat(event.data().get("version").asLong()).isEqualTo(version);
    assertThat(event.data().get("changed")).extracting(JsonNode::asText).containsExactly(hero.hex());
  }

  @Test
  void anAdoptionNamesTheNewIdAndTheFolderThatWasUnregistered() throws Exception {
    Events events = connect();

    AssetId villain = served.adopt("assets/villain");

    Event event = events.next();
    assertThat(event.data().get("changed")).extracting(JsonNode::asText).containsExactly(villain.hex());
    assertThat(event.data().get("folders")).extracting(JsonNode::asText).containsExactly("assets/villain");
  }

  @Test
  void aClientReconnectingWithLastEventIdGetsWhatItMissedInOrder() throws Exception {
    Events first = connect();
    long seen = rename(hero, "knight");
    assertThat(first.next().id()).isEqualTo(Long.toString(seen));
    AssetId villain = served.adopt("assets/villain");
    long second = rename(hero, "paladin");
    long third = rename(villain, "ogre");

    Events again = connect("Last-Event-ID", Long.toString(seen));

    List<Event> replayed = new ArrayList<>();
    replayed.add(again.next());
    replayed.add(again.next());
    replayed.add(again.next());
    assertThat(replayed).extracting(Event::name).containsOnly("snapshot");
    assertThat(replayed.get(1).id()).isEqualTo(Long.toString(second));
    assertThat(replayed.get(2).id()).isEqualTo(Long.toString(third));
    assertThat(replayed.get(2).data().get("changed")).extracting(JsonNode::asText).containsExactly(villain.hex());
    again.expectNothingFor(Duration.ofMillis(300));
    long fourth = rename(hero, "squire");
    assertThat(again.next().id()).isEqualTo(Long.toString(fourth));
  }

  @Test
  void aClientThatIsUpToDateGetsNoReplay() throws Exception {
    long seen = rename(hero, "knight");

    Events events = connect("Last-Event-ID", Long.toString(seen));

    events.expectNothingFor(Duration.ofMillis(300));
    long next = rename(hero, "paladin");
    assertThat(events.next().id()).isEqualTo(Long.toString(next));
  }

  @Test
  void anUnknownOrForgottenLastEventIdIsToldToReload() throws Exception {
    long first = served.workspace.snapshot().version();
    for (int i = 0; i <= packer.server.api.EventStream.HISTORY; i++) {
      rename(hero, "hero" + i);
    }
    long current = served.workspace.snapshot().version();

    for (String lastId : List.of(Long.toString(first), Long.toString(current + 5), "not-a-version")) {
      Event event = connect("Last-Event-ID", lastId).next();
      assertThat(event.name()).as(lastId).isEqualTo("reload");
      assertThat(event.data().get("version").asLong()).isEqualTo(current);
      assertThat(event.id()).isEqualTo(Long.toString(current));
    }
    Event recent = connect("Last-Event-ID", Long.toString(current - 1)).next();
    assertThat(recent.name()).isEqualTo("snapshot");
    assertThat(recent.id()).isEqualTo(Long.toString(current));
  }

  @Test
  void aClientThatDoesNotAcceptAnEventStreamIsToldSo() throws Exception {
    HttpResponse<String> response = served.get("/api/events");

    assertThat(response.statusCode()).isEqualTo(406);
    assertThat(response.body()).contains("text/event-stream");
  }

  @Test
  void aForeignHostIsRefusedOnTheStreamToo() throws Exception {
    HttpResponse<Stream<String>> response = request("Host", "evil.example:" + served.server.port());
    try (Stream<String> body = response.body()) {
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(String.join("\n", body.toList())).contains("forbidden_host");
    }
    HttpResponse<Stream<String>> crossSite = request("Sec-Fetch-Site", "cross-site");
    try (Stream<String> body = crossSite.body()) {
      assertThat(crossSite.statusCode()).isEqualTo(403);
    }
  }

  /** Adds an asset of type test.gate, adopted, and serves the workspace again (no watching here). */
  void addGatedAsset() throws Exception {
    ServedWorkspace.asset(served.root, "assets/gated", "gated", "test.gate", List.of(), Map.of("g.bin", "G"));
    Path root = served.root;
    served.close();
    served = ServedWorkspace.serve(root);
    served.adopt("assets/gated");
  }

  int startBuild() throws Exception {
    HttpResponse<String> response = served.post("/api/builds", "{}", served.bearer());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).get("build").asInt();
  }

  /** The next build event, snapshot events passed over; every build event has no id. */
  Event nextBuild(Events events) throws Exception {
    while (true) {
      Event event = events.next();
      if (event.name().equals("build")) {
        assertThat(event.id()).as("a build event has no id").isNull();
        return event;
      }
    }
  }

  @Test
  void aBuildIsSentAsBuildEventsWithoutIdAsItStartsProgressesAndEnds() throws Exception {
    addGatedAsset();
    GateProcessor.Gate gate = GateProcessor.shut();
    try {
      Events events = connect();
      long version = rename(hero, "knight");
      Event snapshot = events.next();
      assertThat(snapshot.name()).isEqualTo("snapshot");
      assertThat(snapshot.id()).isEqualTo(Long.toString(version));

      int number = startBuild();

      Event start = nextBuild(events);
      assertThat(start.data().get("build").asInt()).isEqualTo(number);
      assertThat(start.data().get("state").asText()).isEqualTo("running");
      assertThat(start.data().get("version").asLong()).isEqualTo(version);
      gate.reached();
      // Hero is done, the gated asset waits: the latest progress goes out even when throttled.
      Event progress;
      do {
        progress = nextBuild(events);
        assertThat(progress.data().get("state").asText()).isEqualTo("running");
      } while (progress.data().get("done").asInt() < 1);
      assertThat(progress.data().get("total").asInt()).isEqualTo(2);
      assertThat(progress.data().get("done").asInt()).isEqualTo(1);
      gate.open();
      Event end;
      do {
        end = nextBuild(events);
      } while (end.data().get("state").asText().equals("running"));
      assertThat(end.data().get("state").asText()).isEqualTo("succeeded");
      assertThat(end.data().get("done").asInt()).isEqualTo(2);
      assertThat(end.data().get("result").get("pack").asText()).isEqualTo("build/game.pack");
      assertThat(end.data()).isEqualTo(JSON.readTree(served.get("/api/builds/" + number).body()));
      long next = rename(hero, "paladin");
      Event after = events.next();
      assertThat(after.name()).isEqualTo("snapshot");
      assertThat(after.id()).isEqualTo(Long.toString(next));
    } finally {
      gate.open();
    }
  }

  @Test
  void buildEventsAreNotReplayedToAReconnectingClient() throws Exception {
    long seen = served.workspace.snapshot().version();
    int number = startBuild();
    while (!served.get("/api/builds/" + number).body().contains("\"succeeded\"")) {
      Thread.sleep(20);
    }
    long next = rename(hero, "knight");

    Events again = connect("Last-Event-ID", Long.toString(seen));

    Event replayed = again.next();
    assertThat(replayed.name()).isEqualTo("snapshot");
    assertThat(replayed.id()).isEqualTo(Long.toString(next));
    again.expectNothingFor(Duration.ofMillis(300));
  }

  @Test
  void stoppingTheServerMidBuildEndsTheBuildFailedWithoutAPackAndSaysSo() throws Exception {
    addGatedAsset();
    GateProcessor.Gate gate = GateProcessor.shut();
    try {
      Events events = connect();
      startBuild();
      gate.reached();
      Thread closer = new Thread(() -> {
        try {
          served.server.close();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      closer.start();
      // The server refuses new builds as soon as it is stopping, and still answers until the build ends.
      while (served.post("/api/builds", "{}", served.bearer()).statusCode() != 503) {
        Thread.sleep(10);
      }
      gate.open();
      Event end;
      do {
        end = nextBuild(events);
      } while (end.data().get("state").asText().equals("running"));
      closer.join(30_000);

      assertThat(closer.isAlive()).isFalse();
      assertThat(end.data().get("state").asText()).isEqualTo("failed");
      assertThat(end.data().get("error").asText()).contains("server stopped");
      assertThat(served.root.resolve("build/game.pack")).doesNotExist();
    } finally {
      gate.open();
    }
  }
}
