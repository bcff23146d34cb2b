package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.server.discovery.Discovery;
import packer.server.discovery.DiscoveryFile;

/**
 * Issue 4: a kill -9 loop of {@code packer serve} while clients rename, move and create over HTTP. Bounded: at most
 * {@value #MAX_KILLS} kills, and no new round once it would end after {@value #BUDGET_SECONDS} s. After each restart (recovery runs
 * on open) every acknowledged commit is on disk and in the new server's snapshot, the registry and
 * the folders agree, and no journal record or staged file is left. The seed is printed on failure;
 * {@code -Dpacker.killSeed=N} replays a run's choices (the kill moments, not the scheduling).
 */
class ServerKillLoopTest {

  static final int MAX_KILLS = 6;
  static final int BUDGET_SECONDS = 60;
  static final int CLIENTS = 3;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  TestWorkspace workspace;
  Process server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What a client knows was committed: acknowledged, or sent when the server died (may be either). */
  record Known(String folder, String name, Optional<String> pendingFolder, Optional<String> pendingName,
      Optional<String> content) {
    Known(String folder, String name, Optional<String> content) {
      this(folder, name, Optional.empty(), Optional.empty(), content);
    }
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.destroyForcibly();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void noAcknowledgedCommitIsLostWhenTheServerIsKilled() throws Exception {
    long seed = Long.getLong("packer.killSeed", System.nanoTime());
    try {
      killLoop(new Random(seed));
    } catch (AssertionError | Exception e) {
      throw new AssertionError("kill loop failed with seed " + seed + " (replay with -Dpacker.killSeed=" + seed + ")", e);
    }
  }

  private void killLoop(Random random) throws Exception {
    workspace = TestWorkspace.init(dir);
    Map<String, Known> known = new ConcurrentHashMap<>();
    List<List<String>> owned = new ArrayList<>();
    for (int client = 0; client < CLIENTS; client++) {
      for (int i = 0; i < 2; i++) {
        workspace.asset("assets/c" + client + "-" + i).name("c" + client + "-" + i).input("a.bin", "A").create();
      }
    }
    CliResult adopted = workspace.run("adopt", "--all", "--json");
    CliResultAssert.assertThat(adopted).succeeds();
    Map<String, String> idOf = new TreeMap<>();
    adopted.json().forEach(asset -> idOf.put(asset.get("root").asText(), asset.get("id").asText()));
    for (int client = 0; client < CLIENTS; client++) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        String folder = "assets/c" + client + "-" + i;
        String id = idOf.get(folder);
        ids.add(id);
        known.put(id, new Known(folder, "c" + client + "-" + i, Optional.empty()));
      }
      owned.add(ids);
    }
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(BUDGET_SECONDS);
    Discovery found = startServer();
    int kills = 0;
    int[] counters = new int[CLIENTS];
    int acknowledged = 0;
    long round = 0;
    while (kills < MAX_KILLS && (kills == 0 || System.nanoTime() + round < deadline)) {
      long roundStart = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      int[] acks = new int[CLIENTS];
      for (int client = 0; client < CLIENTS; client++) {
        int c = client;
        Random own = new Random(random.nextLong());
        Discovery target = found;
        Thread thread = new Thread(() -> acks[c] = commitUntilRefused(target, c, own, owned.get(c), known, counters),
            "kill-loop-client-" + c);
        thread.start();
        threads.add(thread);
      }
      Thread.sleep(300 + random.nextInt(1700));
      server.destroyForcibly();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
      kills++;
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(thread.isAlive()).as("client stopped after the kill").isFalse();
      }
      for (int a : acks) {
        acknowledged += a;
      }
      long restart = System.nanoTime();
      found = startServer();
      System.out.printf(java.util.Locale.ROOT, "kill %d: restarted in %.1f s%n", kills, (System.nanoTime() - restart) / 1e9);
      verify(found, known);
      round = System.nanoTime() - roundStart;
    }
    System.out.printf(java.util.Locale.ROOT, "kill loop: %d kills, %d acknowledged commits, %.1f s%n", kills,
        acknowledged, (System.nanoTime() - start) / 1e9);
    assertThat(kills).isGreaterThanOrEqualTo(1);
    assertThat(acknowledged).as("commits acknowledged across %d kills", kills).isPositive();
    server.destroy();
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    server = null;
    CliResultAssert.assertThat(workspace.run("check")).succeeds();
  }

  /**
   * Renames, moves and creates until the server stops answering; records each acknowledged commit, and
   * the one in flight when the connection broke as pending. Returns how many were acknowledged.
   */
  private int commitUntilRefused(Discovery server, int client, Random random, List<String> ids,
      Map<String, Known> known, int[] counters) {
    int acks = 0;
    while (true) {
      int n = ++counters[client];
      String label = "c" + client + "-n" + n;
      int op = random.nextInt(4);
      if (op < 2) {
        String id = ids.get(random.nextInt(ids.size()));
        Known before = known.get(id);
        known.put(id, new Known(before.folder(), before.name(), Optional.empty(), Optional.of(label), before.content()));
        Optional<JsonNode> answer = post(server, "/api/assets/" + id + "/rename", JSON.createObjectNode().put("name", label));
        if (answer.isEmpty()) {
          return acks;
        }
        known.put(id, new Known(before.folder(), label, before.content()));
      } else if (op == 2) {
        String id = ids.get(random.nextInt(ids.size()));
        Known before = known.get(id);
        String folder = "moved/" + label;
        known.put(id, new Known(before.folder(), before.name(), Optional.of(folder), Optional.empty(), before.content()));
        Optional<JsonNode> answer = post(server, "/api/assets/" + id + "/move", JSON.createObjectNode().put("folder", folder));
        if (answer.isEmpty()) {
          return acks;
        }
        known.put(id, new Known(folder, before.name(), before.content()));
      } else {
        String content = "bytes of " + label;
        ObjectNode body = JSON.createObjectNode().put("folder", "made/" + label).put("type", "blob");
        body.putArray("inputs").addObject().put("name", "c.bin")
            .put("base64", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
        Optional<JsonNode> answer = post(server, "/api/assets", body);
        if (answer.isEmpty()) {
          return acks;
        }
        String id = answer.get().get("id").asText();
        ids.add(id);
        known.put(id, new Known("made/" + label, label, Optional.of(content)));
      }
      acks++;
    }
  }

  /** The answer of an acknowledged commit; empty once the server is gone. A refusal fails the test. */
  private Optional<JsonNode> post(Discovery server, String path, ObjectNode body) {
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(20))
          .header("Authorization", "Bearer " + server.token()).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    if (response.statusCode() != 200 && response.statusCode() != 201) {
      throw new AssertionError("POST " + path + " " + body + " -> " + response.statusCode() + " " + response.body());
    }
    try {
      return Optional.of(JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Every acknowledged commit is in the new server's snapshot and on disk; nothing is half done. */
  private void verify(Discovery server, Map<String, Known> known) throws Exception {
    for (Map.Entry<String, Known> entry : new TreeMap<>(known).entrySet()) {
      String id = entry.getKey();
      Known expected = entry.getValue();
      HttpResponse<String> read = get(server, "/api/assets/" + id);
      assertThat(read.statusCode()).as("asset %s after restart: %s", id, read.body()).isEqualTo(200);
      JsonNode asset = JSON.readTree(read.body()).get("asset");
      assertThat(asset.get("state").asText()).as("state of %s", id).isEqualTo("registered");
      String folder = asset.get("folder").asText();
      Set<String> folders = new HashSet<>(List.of(expected.folder()));
      expected.pendingFolder().ifPresent(folders::add);
      assertThat(folders).as("folder of %s (acknowledged %s)", id, expected.folder()).contains(folder);
      String name = asset.get("name").asText();
      Set<String> allowed = new HashSet<>(List.of(expected.name()));
      expected.pendingName().ifPresent(allowed::add);
      assertThat(allowed).as("name of %s (acknowledged %s)", id, expected.name()).contains(name);
      assertThat(workspace.read(folder + "/asset.json")).contains("\"" + name + "\"");
      if (expected.content().isPresent()) {
        assertThat(workspace.read(folder + "/c.bin")).isEqualTo(expected.content().get());
      }
      // A command in flight at the kill may have committed: what is there now is the new truth.
      known.put(id, new Known(folder, name, expected.content()));
    }
    JsonNode errors = JSON.readTree(get(server, "/api/diagnostics?severity=error").body()).get("diagnostics");
    assertThat(errors).as("errors after restart: %s", errors).isEmpty();
    JsonNode listed = JSON.readTree(get(server, "/api/assets?limit=1000").body());
    Set<String> ids = new HashSet<>();
    Set<String> folders = new HashSet<>();
    assertThat(listed.get("nextCursor").isNull()).isTrue();
    for (JsonNode asset : listed.get("assets")) {
      assertThat(asset.get("state").asText()).as("every asset registered: %s", asset).isEqualTo("registered");
      assertThat(ids.add(asset.get("id").asText())).as("id listed once: %s", asset).isTrue();
      assertThat(folders.add(asset.get("folder").asText())).as("folder listed once: %s", asset).isTrue();
    }
    assertThat(ids).containsAll(known.keySet());
    assertThat(leftovers()).as("journal records, staged uploads or temp files left after recovery").isEmpty();
  }

  private List<Path> leftovers() throws IOException {
    List<Path> left = new ArrayList<>();
    Path journal = workspace.path(".packer/journal");
    if (Files.isDirectory(journal)) {
      try (Stream<Path> files = Files.list(journal)) {
        files.forEach(left::add);
      }
    }
    try (Stream<Path> files = Files.list(workspace.path(".packer"))) {
      files.filter(p -> p.getFileName().toString().startsWith("upload-")).forEach(left::add);
    }
    try (Stream<Path> files = Files.walk(workspace.root())) {
      files.filter(p -> !p.startsWith(workspace.path(".packer")))
          .filter(p -> p.getFileName().toString().endsWith(".tmp")).forEach(left::add);
    }
    return left;
  }

  private HttpResponse<String> get(Discovery server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Starts {@code packer serve} in a child JVM and waits until its discovery file names it. */
  private Discovery startServer() throws Exception {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "-C", workspace.root().toString(), "serve", "--port", "0");
    builder.environment().put("LC_ALL", "C.UTF-8");
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("serve.out").toFile()));
    builder.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("serve.err").toFile()));
    server = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      Optional<Discovery> found = DiscoveryFile.read(workspace.root());
      if (found.isPresent() && found.get().pid() == server.pid()) {
        return found.get();
      }
      if (!server.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("packer serve did not start; stderr:\n" + Files.readString(dir.resolve("serve.err")));
  }
}
