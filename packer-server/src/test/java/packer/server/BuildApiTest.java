package packer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds over HTTP: start one, follow it to its result, one at a time, refused on errors. */
class BuildApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Path root;
  ServedWorkspace served;
  GateProcessor.Gate gate;

  @BeforeEach
  void setUp() throws Exception {
    root = ServedWorkspace.init(dir.resolve("game"), "game");
    ServedWorkspace.asset(root, "assets/hero", "hero", "blob", List.of(), Map.of("hero.bin", "HERO"));
    ServedWorkspace.asset(root, "assets/villain", "villain", "text", List.of(), Map.of("v.txt", "V"));
    served = ServedWorkspace.serve(root);
    served.adopt("assets/hero");
    served.adopt("assets/villain");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (gate != null) {
      gate.open();
    }
    served.close();
  }

  JsonNode start() throws Exception {
    HttpResponse<String> response = served.post("/api/builds", "{}", served.bearer());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body());
  }

  /** Reads build {@code n} until it is no longer running. */
  JsonNode follow(int n) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      HttpResponse<String> response = served.get("/api/builds/" + n);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode build = JSON.readTree(response.body());
      if (!build.get("state").asText().equals("running")) {
        return build;
      }
      assertThat(System.nanoTime()).as("build " + n + " finished within 30 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** Adds an asset of type test.gate and serves the workspace again (no file watching here). */
  void addGatedAsset() throws Exception {
    ServedWorkspace.asset(root, "assets/gated", "gated", "test.gate", List.of(), Map.of("g.bin", "G"));
    served.close();
    served = ServedWorkspace.serve(root);
    served.adopt("assets/gated");
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void aBuildRunsOnTheCurrentSnapshotAndNamesThePackItWrote() throws Exception {
    long version = served.workspace.snapshot().version();

    JsonNode started = start();

    assertThat(started.get("build").asInt()).isEqualTo(1);
    assertThat(started.get("started").asBoolean()).isTrue();
    assertThat(started.get("version").asLong()).isEqualTo(version);
    assertThat(iterable(started.fieldNames())).containsExactly(
        "build", "state", "started", "version", "done", "total", "result", "diagnostics", "error");
    JsonNode build = follow(1);
    assertThat(build.get("state").asText()).as(build.toString()).isEqualTo("succeeded");
    assertThat(build.get("done").asInt()).isEqualTo(2);
    assertThat(build.get("total").asInt()).isEqualTo(2);
    assertThat(build.get("diagnostics")).isEmpty();
    assertThat(build.get("error").isNull()).isTrue();
    JsonNode result = build.get("result");
    assertThat(result.get("pack").asText()).isEqualTo("build/game.pack");
    Path pack = root.resolve("build/game.pack");
    assertThat(result.get("sha256").asText()).isEqualTo(sha256(pack));
    assertThat(result.get("bytes").asLong()).isEqualTo(Files.size(pack));
    assertThat(result.get("entries").asInt()).isEqualTo(2);
    assertThat(result.get("processed").asInt()).isEqualTo(2);
    assertThat(result.get("reused").asInt()).isZero();
    assertThat(result.get("rewritten").asBoolean()).isTrue();
    assertThat(result.get("millis").asLong()).isNotNegative();
    assertThat(JSON.readTree(served.get("/api/builds/last").body())).isEqualTo(build);
  }

  @Test
  void aSecondBuildOfTheSameSnapshotReusesEveryEntryAndLeavesThePackAlone() throws Exception {
    start();
    follow(1);
    Path pack = root.resolve("build/game.pack");
    long modified = Files.getLastModifiedTime(pack).toMillis();
    String sha = sha256(pack);

    JsonNode second = start();

    assertThat(second.get("build").asInt()).isEqualTo(2);
    JsonNode result = follow(2).get("result");
    assertThat(result.get("processed").asInt()).isZero();
    assertThat(result.get("reused").asInt()).isEqualTo(2);
    assertThat(result.get("rewritten").asBoolean()).isFalse();
    assertThat(result.get("sha256").asText()).isEqualTo(sha);
    assertThat(Files.getLastModifiedTime(pack).toMillis()).isEqualTo(modified);
    assertThat(JSON.readTree(served.get("/api/builds/1").body()).get("build").asInt()).isEqualTo(1);
  }

  @Test
  void aStartWhileABuildRunsAnswersThatBuildAndStartsNone() throws Exception {
    addGatedAsset();
    gate = GateProcessor.shut();
    JsonNode first = start();
    gate.reached();

    JsonNode again = start();

    assertThat(again.get("build").asInt()).isEqualTo(first.get("build").asInt());
    assertThat(again.get("started").asBoolean()).isFalse();
    assertThat(again.get("state").asText()).isEqualTo("running");
    assertThat(again.get("total").asInt()).isEqualTo(3);
    JsonNode last = JSON.readTree(served.get("/api/builds/last").body());
    assertThat(last.get("state").asText()).isEqualTo("running");
    assertThat(last.get("started").asBoolean()).isTrue();
    gate.open();
    assertThat(follow(1).get("state").asText()).isEqualTo("succeeded");
    assertThat(served.get("/api/builds/2").statusCode()).isEqualTo(404);
    assertThat(start().get("build").asInt()).isEqualTo(2);
  }

  @Test
  void aWorkspaceWithAnErrorFailsWithItsDiagnosticAndKeepsThePreviousPack() throws Exception {
    start();
    follow(1);
    Path pack = root.resolve("build/game.pack");
    byte[] before = Files.readAllBytes(pack);
    served.close();
    Files.writeString(root.resolve("assets/hero/asset.json"),
        "{\n  \"name\": \"hero\",\n  \"type\": \"no-such-type\",\n  \"inputs\": [\"hero.bin\"]\n}\n");
    served = ServedWorkspace.serve(root);

    JsonNode answer = start();
    JsonNode build = follow(answer.get("build").asInt());

    assertThat(answer.get("state").asText()).as("refused at once").isEqualTo("failed");
    assertThat(answer).isEqualTo(build);
    assertThat(build.get("state").asText()).isEqualTo("failed");
    assertThat(build.get("result").isNull()).isTrue();
    JsonNode diagnostic = build.get("diagnostics").get(0);
    assertThat(diagnostic.get("severity").asText()).isEqualTo("error");
    assertThat(diagnostic.get("file").asText()).isEqualTo("assets/hero/asset.json");
    assertThat(diagnostic.get("line").asInt()).isEqualTo(3);
    assertThat(diagnostic.get("message").asText()).contains("no-such-type");
    JsonNode listed = JSON.readTree(served.get("/api/diagnostics").body()).get("diagnostics");
    assertThat(build.get("diagnostics")).isEqualTo(listed);
    assertThat(Files.readAllBytes(pack)).isEqualTo(before);
  }

  @Test
  void lastIs404BeforeAnyBuild() throws Exception {
    HttpResponse<String> response = served.get("/api/builds/last");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).get("error").get("code").asText()).isEqualTo("not_found");
  }

  @Test
  void anUnknownBuildNumberIs404AndANonNumberIs400() throws Exception {
    start();
    follow(1);

    assertThat(served.get("/api/builds/2").statusCode()).isEqualTo(404);
    assertThat(served.get("/api/builds/0").statusCode()).isEqualTo(404);
    assertThat(served.get("/api/builds/99999999999999").statusCode()).isEqualTo(404);
    HttpResponse<String> bad = served.get("/api/builds/abc");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("error").get("message").asText()).contains("'abc'");
    assertThat(served.get("/api/builds/-1").statusCode()).isEqualTo(400);
  }

  @Test
  void aStartNeedsTheTokenAJsonBodyAndNoKeys() throws Exception {
    HttpResponse<String> noToken = served.post("/api/builds", "{}", "Content-Type", "application/json");
    HttpResponse<String> wrongToken = served.post("/api/builds", "{}", "Content-Type", "application/json",
        "Authorization", "Bearer nope");
    HttpResponse<String> form = served.post("/api/builds", "{}", "Authorization", "Bearer " + served.server.bearerToken(),
        "Content-Type", "application/x-www-form-urlencoded");
    HttpResponse<String> key = served.post("/api/builds", "{\"threads\": 2}", served.bearer());

    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(wrongToken.statusCode()).isEqualTo(401);
    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(key.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(key.body()).get("error").get("message").asText()).contains("threads");
    assertThat(served.get("/api/builds/last").statusCode()).as("no build started").isEqualTo(404);
    assertThat(root.resolve("build/game.pack")).doesNotExist();
  }

  private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
    return () -> iterator;
  }
}
