package packer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packer.id.AssetId;

/** Lane commands over HTTP: rename and move, with If-Match on the snapshot version. */
class CommandApiTest {

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

  String etag() {
    return served.get("/api/workspace").headers().firstValue("ETag").orElseThrow();
  }

  HttpResponse<String> rename(String body, String... more) {
    String[] headers = new String[served.bearer().length + more.length];
    System.arraycopy(served.bearer(), 0, headers, 0, served.bearer().length);
    System.arraycopy(more, 0, headers, served.bearer().length, more.length);
    return served.post("/api/assets/" + hero.hex() + "/rename", body, headers);
  }

  @Test
  void aRenameAtTheCurrentVersionCommitsAndNamesTheNewVersion() throws Exception {
    String before = etag();

    HttpResponse<String> response = rename("{\"name\": \"knight\"}", "If-Match", before);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("id").asText()).isEqualTo(hero.hex());
    assertThat(body.get("version").asLong()).isGreaterThan(Long.parseLong(before.replace("\"", "")));
    assertThat(response.headers().firstValue("ETag")).hasValue("\"" + body.get("version").asLong() + "\"");
    assertThat(Files.readString(served.root.resolve("assets/hero/asset.json"))).contains("\"knight\"");
    JsonNode read = JSON.readTree(served.get("/api/assets/" + hero.hex()).body());
    assertThat(read.get("asset").get("name").asText()).isEqualTo("knight");
    assertThat(read.get("version").asLong()).isGreaterThanOrEqualTo(body.get("version").asLong());
  }

  @Test
  void aStaleIfMatchIsA409WithTheCurrentVersionAndChangesNothing() throws Exception {
    String stale = etag();
    assertThat(rename("{\"name\": \"knight\"}").statusCode()).isEqualTo(200);
    String content = Files.readString(served.root.resolve("assets/hero/asset.json"));

    HttpResponse<String> response = rename("{\"name\": \"paladin\"}", "If-Match", stale);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("conflict");
    assertThat(error.get("currentVersion").asLong()).isEqualTo(served.workspace.snapshot().version());
    assertThat(response.headers().firstValue("ETag")).hasValue("\"" + served.workspace.snapshot().version() + "\"");
    assertThat(Files.readString(served.root.resolve("assets/hero/asset.json"))).isEqualTo(content);
  }

  @Test
  void aMoveCommitsTheNewFolder() throws Exception {
    HttpResponse<String> response = served.post("/api/assets/" + hero.hex() + "/move", "{\"folder\": \"chars/hero\"}",
        served.bearer());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("folder").asText()).isEqualTo("chars/hero");
    assertThat(served.root.resolve("chars/hero/asset.json")).exists();
    assertThat(JSON.readTree(served.get("/api/assets/" + hero.hex()).body()).get("asset").get("folder").asText())
        .isEqualTo("chars/hero");
  }

  @Test
  void anUnregisteredFolderIsAdoptedAndGetsAnId() throws Exception {
    ServedWorkspace.asset(served.root, "assets/stray", "stray", "blob", List.of(), Map.of("s.bin", "S"));
    // No file watching yet: a reopened workspace sees the folder written by hand.
    served.close();
    served = ServedWorkspace.serve(served.root);

    HttpResponse<String> response = served.post("/api/adopt", "{\"folder\": \"assets/stray\"}", served.bearer());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String id = JSON.readTree(response.body()).get("id").asText();
    JsonNode asset = JSON.readTree(served.get("/api/assets/" + id).body()).get("asset");
    assertThat(asset.get("folder").asText()).isEqualTo("assets/stray");
    assertThat(asset.get("state").asText()).isEqualTo("registered");
    HttpResponse<String> again = served.post("/api/adopt", "{\"folder\": \"assets/nowhere\"}", served.bearer());
    assertThat(again.statusCode()).as(again.body()).isEqualTo(404);
  }

  @Test
  void aRemoveRetiresTheIdAndKeepsTheFilesWhenAsked() throws Exception {
    HttpResponse<String> response = served.post("/api/assets/" + hero.hex() + "/remove", "{\"keepFiles\": true}",
        served.bearer());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(served.root.resolve("assets/hero/hero.bin")).exists();
    assertThat(served.get("/api/assets/" + hero.hex()).statusCode()).isEqualTo(404);
    HttpResponse<String> bad = served.post("/api/assets/" + hero.hex() + "/remove", "{\"keepFiles\": \"yes\"}",
        served.bearer());
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void aMissingAssetIsRelocatedToTheFolderItWasMovedTo() throws Exception {
    served.close();
    Files.move(served.root.resolve("assets/hero"), served.root.resolve("assets/knight"));
    served = ServedWorkspace.serve(served.root);
    assertThat(JSON.readTree(served.get("/api/assets/" + hero.hex()).body()).get("asset").get("state").asText())
        .isEqualTo("missing");

    HttpResponse<String> response = served.post("/api/assets/" + hero.hex() + "/relocate",
        "{\"folder\": \"assets/knight\"}", served.bearer("If-Match", etag()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode asset = JSON.readTree(served.get("/api/assets/" + hero.hex()).body()).get("asset");
    assertThat(asset.get("folder").asText()).isEqualTo("assets/knight");
    assertThat(asset.get("state").asText()).isEqualTo("registered");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[]", "{}", "{\"name\": 3}", "{\"name\": \"x\", \"extra\": 1}", "{\"name\": null}"})
  void aBadBodyIsA400WithAUsefulMessage(String body) throws Exception {
    HttpResponse<String> response = rename(body);

    assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").get("message").asText()).isNotBlank();
    assertThat(Files.readString(served.root.resolve("assets/hero/asset.json"))).contains("\"hero\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"12", "W/\"1\"", "\"x\"", "\"\""})
  void aMalformedIfMatchIsA400(String ifMatch) throws Exception {
    HttpResponse<String> response = rename("{\"name\": \"knight\"}", "If-Match", ifMatch);

    assertThat(response.statusCode()).as(ifMatch).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").get("message").asText()).contains("If-Match");
  }

  @Test
  void aTakenNameIsRefusedAndAnUnknownIdIsA404() throws Exception {
    HttpResponse<String> taken = rename("{\"name\": \"villain\"}");
    HttpResponse<String> unknown = served.post("/api/assets/00000000000000aa/rename", "{\"name\": \"x\"}", served.bearer());

    assertThat(taken.statusCode()).as(taken.body()).isEqualTo(422);
    assertThat(JSON.readTree(taken.body()).get("error").get("message").asText()).contains("villain");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
  }

  @Test
  void aRenameWithoutTokenOrAsAFormIsRefusedAndChangesNothing() throws Exception {
    String path = "/api/assets/" + hero.hex() + "/rename";
    HttpResponse<String> noToken = served.post(path, "{\"name\": \"knight\"}", "Content-Type", "application/json");
    HttpResponse<String> form = served.post(path, "name=knight",
        "Authorization", "Bearer " + served.server.bearerToken(), "Content-Type", "application/x-www-form-urlencoded");
    HttpResponse<String> foreign = served.post(path, "{\"name\": \"knight\"}",
        "Authorization", "Bearer " + served.server.bearerToken(), "Content-Type", "application/json",
        "Origin", "http://evil.example");

    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(Files.readString(served.root.resolve("assets/hero/asset.json"))).contains("\"hero\"");
  }
}
