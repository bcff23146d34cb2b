package packer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packer.id.AssetId;
import packer.server.api.CommandApi;

/** Create (input bytes in the body) and update of a declaration over HTTP. */
class CreateUpdateApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  ServedWorkspace served;
  AssetId hero;

  @BeforeEach
  void setUp() throws Exception {
    Path root = ServedWorkspace.init(dir.resolve("game"), "game");
    ServedWorkspace.asset(root, "assets/hero", "hero", "blob", List.of(), Map.of("hero.bin", "HERO"));
    ServedWorkspace.asset(root, "assets/villain", "villain", "blob", List.of(), Map.of("v.bin", "V"));
    served = ServedWorkspace.serve(root);
    hero = served.adopt("assets/hero");
    served.adopt("assets/villain");
  }

  @AfterEach
  void tearDown() throws Exception {
    served.close();
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  ObjectNode createBody(String folder, String... inputs) {
    ObjectNode body = JSON.createObjectNode().put("folder", folder).put("type", "blob");
    ArrayNode array = body.putArray("inputs");
    for (int i = 0; i < inputs.length; i += 2) {
      array.addObject().put("name", inputs[i]).put("base64", base64(inputs[i + 1]));
    }
    return body;
  }

  HttpResponse<String> create(Object body, String... more) {
    return served.post("/api/assets", body.toString(), served.bearer(more));
  }

  HttpResponse<String> update(AssetId id, Object body, String... more) {
    return served.send(HttpRequest.newBuilder(URI.create(served.url("/api/assets/" + id.hex() + "/declaration")))
        .PUT(HttpRequest.BodyPublishers.ofString(body.toString())), served.bearer(more));
  }

  String etag() {
    return served.get("/api/workspace").headers().firstValue("ETag").orElseThrow();
  }

  List<Path> staging() throws IOException {
    try (Stream<Path> files = Files.list(served.root.resolve(".packer"))) {
      return files.filter(p -> p.getFileName().toString().startsWith("upload")).toList();
    }
  }

  @Test
  void aCreateWritesTheInputsRegistersTheAssetAndLeavesNoStaging() throws Exception {
    ObjectNode body = createBody("assets/knight", "knight.bin", "KNIGHT", "sword.txt", "sharp\n");
    body.put("name", "sir-knight");
    body.putArray("tags").add("people").add("armed");

    HttpResponse<String> response = create(body, "If-Match", etag());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode answer = JSON.readTree(response.body());
    String id = answer.get("id").asText();
    assertThat(answer.get("folder").asText()).isEqualTo("assets/knight");
    assertThat(response.headers().firstValue("ETag")).hasValue("\"" + answer.get("version").asLong() + "\"");
    assertThat(response.headers().firstValue("Location")).hasValue("/api/assets/" + id);
    assertThat(served.root.resolve("assets/knight/knight.bin")).hasContent("KNIGHT");
    assertThat(served.root.resolve("assets/knight/sword.txt")).hasContent("sharp\n");
    assertThat(served.root.resolve("registry/" + id.substring(0, 2) + "/" + id.substring(2) + ".json"))
        .content().contains("assets/knight");
    JsonNode asset = JSON.readTree(served.get("/api/assets/" + id).body()).get("asset");
    assertThat(asset.get("state").asText()).isEqualTo("registered");
    assertThat(asset.get("name").asText()).isEqualTo("sir-knight");
    assertThat(asset.get("tags").toString()).isEqualTo("[\"armed\",\"people\"]");
    assertThat(asset.get("declaration").get("inputs").toString()).isEqualTo("[\"knight.bin\",\"sword.txt\"]");
    assertThat(staging()).isEmpty();
  }

  @Test
  void aCreateWithoutInputsOrNameTakesTheFolderName() throws Exception {
    HttpResponse<String> response = create(JSON.createObjectNode().put("folder", "assets/empty").put("type", "blob"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String id = JSON.readTree(response.body()).get("id").asText();
    assertThat(JSON.readTree(served.get("/api/assets/" + id).body()).get("asset").get("name").asText())
        .isEqualTo("empty");
    assertThat(staging()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/b.bin", "..", ".", "..\\x", "a\\b", "x\u0000.bin", "C:x.bin", "../../canary.txt"})
  void anInputNameThatIsNotAPlainFileNameIsA400(String name) throws Exception {
    HttpResponse<String> response = create(createBody("assets/knight", name, "X"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").get("message").asText()).contains("inputs[0].name");
    assertThat(served.root.resolve("assets/knight")).doesNotExist();
    assertThat(staging()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "[]", "{}", "{\"folder\": \"assets/k\"}", "{\"folder\": \"assets/k\", \"type\": 3}",
    "{\"folder\": \"assets/k\", \"type\": \"blob\", \"path\": \"/etc/passwd\"}",
    "{\"folder\": \"assets/k\", \"type\": \"blob\", \"tags\": \"a\"}",
    "{\"folder\": \"assets/k\", \"type\": \"blob\", \"tags\": [1]}",
    "{\"folder\": \"assets/k\", \"type\": \"blob\", \"inputs\": {}}",
    "{\"folder\": \"assets/k\", \"type\": \"blob\", \"inputs\": [\"a.bin\"]}",
    "{\"folder\": \"assets/k\", \"type\": \"blob\", \"inputs\": [{\"name\": \"a.bin\"}]}",
    "{\"folder\": \"assets/k\", \"type\": \"blob\", \"inputs\": [{\"name\": \"a.bin\", \"base64\": \"QQ==\", \"path\": \"/etc/passwd\"}]}",
    "{\"folder\": \"assets/k\", \"type\": \"blob\", \"inputs\": [{\"name\": \"a.bin\", \"base64\": \"not base64!\"}]}",
    "{\"folder\": \"assets/k\", \"type\": \"blob\", \"inputs\": [{\"name\": \"a.bin\", \"base64\": \"QQ==\"}, {\"name\": \"a.bin\", \"base64\": \"QQ==\"}]}",
    "{\"folder\": \"assets/k\", \"folder\": \"assets/j\", \"type\": \"blob\"}",
  })
  void aBadCreateBodyIsA400WithAUsefulMessageAndCreatesNothing(String body) throws Exception {
    HttpResponse<String> response = create(body);

    assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").get("message").asText()).isNotBlank();
    assertThat(served.root.resolve("assets/k")).doesNotExist();
    assertThat(served.root.resolve("assets/j")).doesNotExist();
    assertThat(staging()).isEmpty();
  }

  @Test
  void aTakenFolderOrNameOrAnUnknownTypeIsRefusedAndLeavesNoStaging() throws Exception {
    HttpResponse<String> folder = create(createBody("assets/hero", "x.bin", "X"));
    ObjectNode named = createBody("assets/other", "x.bin", "X").put("name", "villain");
    HttpResponse<String> name = create(named);
    HttpResponse<String> type = create(createBody("assets/other", "x.bin", "X").put("type", "sprite"));
    HttpResponse<String> escape = create(createBody("../outside", "x.bin", "X"));

    assertThat(folder.statusCode()).as(folder.body()).isEqualTo(422);
    assertThat(JSON.readTree(folder.body()).get("error").get("message").asText()).contains("assets/hero");
    assertThat(name.statusCode()).as(name.body()).isEqualTo(422);
    assertThat(JSON.readTree(name.body()).get("error").get("message").asText()).contains("villain");
    assertThat(type.statusCode()).as(type.body()).isEqualTo(422);
    assertThat(escape.statusCode()).as(escape.body()).isEqualTo(422);
    assertThat(served.root.resolve("assets/other")).doesNotExist();
    assertThat(dir.resolve("outside")).doesNotExist();
    assertThat(served.root.resolve("assets/hero/x.bin")).doesNotExist();
    for (HttpResponse<String> response : List.of(folder, name, type, escape)) {
      assertThat(response.body()).doesNotContain(served.root.toString());
    }
    assertThat(staging()).isEmpty();
  }

  @Test
  void anInputNamedLikeTheDeclarationIsRefusedWithoutShowingWhereItWasStaged() throws Exception {
    HttpResponse<String> response = create(createBody("assets/k", "asset.json", "{}"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertThat(response.body()).contains("asset.json").doesNotContain(".packer").doesNotContain(served.root.toString());
    assertThat(staging()).isEmpty();
  }

  @Test
  void aCreateWithAStaleIfMatchIsA409AndCreatesNothing() throws Exception {
    String stale = etag();
    assertThat(served.post("/api/assets/" + hero.hex() + "/rename", "{\"name\": \"knight\"}", served.bearer())
        .statusCode()).isEqualTo(200);

    HttpResponse<String> response = create(createBody("assets/k", "k.bin", "K"), "If-Match", stale);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
    assertThat(JSON.readTree(response.body()).get("error").get("currentVersion").asLong())
        .isEqualTo(served.workspace.snapshot().version());
    assertThat(served.root.resolve("assets/k")).doesNotExist();
    assertThat(staging()).isEmpty();
  }

  @Test
  void aBodyAnnouncedLargerThanTheCapIsA413() throws Exception {
    long tooBig = CommandApi.MAX_CREATE_BODY + 1L;
    String request = "POST /api/assets HTTP/1.1\r\nHost: 127.0.0.1:" + served.server.port()
        + "\r\nAuthorization: Bearer " + served.server.bearerToken()
        + "\r\nContent-Type: application/json\r\nContent-Length: " + tooBig + "\r\nConnection: close\r\n\r\n{\"folder\":";

    RawHttp.Answer answer = RawHttp.send(served.server.port(), request);

    assertThat(answer.status()).as(answer.text()).isEqualTo(413);
    assertThat(answer.text()).contains("payload_too_large").contains("64 MiB");
    assertThat(staging()).isEmpty();
  }

  @Test
  void aBodyAnnouncedLargerThanTheCapOfAnUpdateIsA413() throws Exception {
    // Announced, not sent: a client still sending when the server refuses may see the connection
    // reset before the answer, which would test the client instead of the server.
    long tooBig = CommandApi.MAX_BODY + 1L;
    String request = "PUT /api/assets/" + hero.hex() + "/declaration HTTP/1.1\r\nHost: 127.0.0.1:"
        + served.server.port() + "\r\nAuthorization: Bearer " + served.server.bearerToken()
        + "\r\nContent-Type: application/json\r\nContent-Length: " + tooBig
        + "\r\nConnection: close\r\n\r\n{\"declaration\": {\"name\": \"xxxx";

    RawHttp.Answer answer = RawHttp.send(served.server.port(), request);

    assertThat(answer.status()).as(answer.text()).isEqualTo(413);
    assertThat(answer.text()).contains("payload_too_large");
    assertThat(served.root.resolve("assets/hero/asset.json")).content().contains("\"hero\"");
  }

  @Test
  void aChunkedBodyLargerThanTheCapIsA413() throws Exception {
    int size = CommandApi.MAX_BODY + 10;
    String request = "PUT /api/assets/" + hero.hex() + "/declaration HTTP/1.1\r\nHost: 127.0.0.1:" + served.server.port()
        + "\r\nAuthorization: Bearer " + served.server.bearerToken()
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + Integer.toHexString(size) + "\r\n" + " ".repeat(size) + "\r\n0\r\n\r\n";

    RawHttp.Answer answer = RawHttp.send(served.server.port(), request);

    assertThat(answer.status()).as(answer.text()).isEqualTo(413);
    assertThat(answer.text()).contains("payload_too_large");
  }

  @Test
  void createAndUpdateNeedTheTokenAJsonBodyAndOurOrigin() throws Exception {
    String create = createBody("assets/k", "k.bin", "K").toString();
    String update = "{\"declaration\": {\"name\": \"knight\", \"type\": \"blob\"}}";
    String token = "Bearer " + served.server.bearerToken();
    List<HttpResponse<String>> refused = new java.util.ArrayList<>();
    for (String[] headers : List.of(
        new String[] {"Content-Type", "application/json"},
        new String[] {"Authorization", token, "Content-Type", "text/plain"},
        new String[] {"Authorization", token, "Content-Type", "application/json", "Origin", "http://evil.example"},
        new String[] {"Authorization", token, "Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"})) {
      refused.add(served.post("/api/assets", create, headers));
      refused.add(served.send(HttpRequest.newBuilder(URI.create(served.url("/api/assets/" + hero.hex() + "/declaration")))
          .PUT(HttpRequest.BodyPublishers.ofString(update)), headers));
    }

    assertThat(refused).extracting(HttpResponse::statusCode).containsExactly(401, 401, 415, 415, 403, 403, 403, 403);
    assertThat(served.root.resolve("assets/k")).doesNotExist();
    assertThat(served.root.resolve("assets/hero/asset.json")).content().contains("\"hero\"");
    assertThat(staging()).isEmpty();
  }

  @Test
  void anUpdateWritesTheCanonicalDeclaration() throws Exception {
    ObjectNode declaration = JSON.createObjectNode().put("name", "hero").put("type", "blob");
    declaration.putArray("inputs").add("hero.bin");
    declaration.putArray("tags").add("main");

    HttpResponse<String> response = update(hero, JSON.createObjectNode().set("declaration", declaration),
        "If-Match", etag());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("id").asText()).isEqualTo(hero.hex());
    assertThat(served.root.resolve("assets/hero/asset.json")).hasContent(
        "{\n  \"name\": \"hero\",\n  \"type\": \"blob\",\n  \"inputs\": [\n    \"hero.bin\"\n  ],\n"
            + "  \"tags\": [\n    \"main\"\n  ]\n}\n");
    JsonNode asset = JSON.readTree(served.get("/api/assets/" + hero.hex()).body()).get("asset");
    assertThat(asset.get("tags").toString()).isEqualTo("[\"main\"]");
  }

  @Test
  void anUpdateOfAnUnknownIdIsA404AndAStaleOneA409() throws Exception {
    String stale = etag();
    assertThat(served.post("/api/assets/" + hero.hex() + "/rename", "{\"name\": \"knight\"}", served.bearer())
        .statusCode()).isEqualTo(200);
    String content = Files.readString(served.root.resolve("assets/hero/asset.json"));
    ObjectNode body = JSON.createObjectNode();
    body.putObject("declaration").put("name", "paladin").put("type", "blob");

    HttpResponse<String> unknown = update(AssetId.parse("00000000000000aa"), body);
    HttpResponse<String> conflict = update(hero, body, "If-Match", stale);

    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
    assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
    assertThat(Files.readString(served.root.resolve("assets/hero/asset.json"))).isEqualTo(content);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"declaration\": {\"name\": \"hero\"}}",
    "{\"declaration\": {\"name\": \"villain\", \"type\": \"blob\"}}",
    "{\"declaration\": {\"name\": \"hero\", \"type\": \"sprite\"}}",
    "{\"declaration\": {\"name\": \"hero\", \"type\": \"blob\", \"inputs\": [\"../villain/v.bin\"]}}",
  })
  void anInvalidDeclarationIsRefusedByTheLane(String body) throws Exception {
    String content = Files.readString(served.root.resolve("assets/hero/asset.json"));

    HttpResponse<String> response = update(hero, body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).get("error").get("message").asText()).isNotBlank();
    assertThat(Files.readString(served.root.resolve("assets/hero/asset.json"))).isEqualTo(content);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{}", "{\"declaration\": \"x\"}", "{\"declaration\": []}", "{\"asset\": {}}",
      "{\"declaration\": {\"name\": \"a\", \"name\": \"b\", \"type\": \"blob\"}}"})
  void aBadUpdateBodyIsA400(String body) throws Exception {
    HttpResponse<String> response = update(hero, body);

    assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
    assertThat(served.root.resolve("assets/hero/asset.json")).content().contains("\"hero\"");
  }

  @Test
  void stagingLeftByAKilledServerIsRemovedWhenTheNextOneStarts() throws Exception {
    served.close();
    Path left = Files.createDirectories(served.root.resolve(".packer/upload-123"));
    Files.writeString(left.resolve("big.bin"), "half");

    served = ServedWorkspace.serve(served.root);

    assertThat(staging()).isEmpty();
  }
}
