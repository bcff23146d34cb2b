package packer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packer.id.AssetId;
import packer.lane.Command;

/** The read API: what each endpoint answers, from which snapshot, and how it refuses bad requests. */
class ReadApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  ServedWorkspace served;
  AssetId hero;
  AssetId villain;

  @BeforeEach
  void setUp() throws Exception {
    Path root = ServedWorkspace.init(dir.resolve("game"), "game");
    ServedWorkspace.asset(root, "assets/hero", "hero", "blob", List.of("player", "sprite"),
        Map.of("hero.bin", "HERO", "frames/walk 1.txt", "walk"));
    ServedWorkspace.asset(root, "assets/villain", "villain", "text", List.of("sprite"), Map.of("villain.txt", "boo"));
    ServedWorkspace.asset(root, "assets/stray", "stray", "blob", List.of(), Map.of("stray.bin", "x"));
    ServedWorkspace.asset(root, "assets/broken", "broken", "blob", List.of(), Map.of());
    Files.delete(root.resolve("assets/broken/asset.json"));
    Files.writeString(root.resolve("assets/broken/asset.json"), "{\"name\": \"broken\", \"type\": \"nope\"}\n");
    served = ServedWorkspace.serve(root);
    hero = served.adopt("assets/hero");
    villain = served.adopt("assets/villain");
  }

  @AfterEach
  void tearDown() throws Exception {
    served.close();
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  long version() {
    return served.workspace.snapshot().version();
  }

  @Test
  void workspaceNamesItsSnapshotAndCountsAssetsByState() throws Exception {
    HttpResponse<String> response = served.get("/api/workspace");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).hasValue("\"" + version() + "\"");
    JsonNode body = json(response);
    assertThat(body.get("version").asLong()).isEqualTo(version());
    assertThat(body.get("name").asText()).isEqualTo("game");
    assertThat(body.get("assets").get("total").asInt()).isEqualTo(4);
    assertThat(body.get("assets").get("registered").asInt()).isEqualTo(2);
    assertThat(body.get("assets").get("unregistered").asInt()).isEqualTo(1);
    assertThat(body.get("assets").get("invalid").asInt()).isEqualTo(1);
    assertThat(body.get("diagnostics").get("errors").asInt()).isPositive();
    assertThat(response.body()).doesNotContain(dir.toString());
  }

  @Test
  void theListIsInSnapshotOrderIdsFirstThenUnregisteredByFolder() throws Exception {
    JsonNode body = json(served.get("/api/assets"));

    List<String> ids = new ArrayList<>();
    body.get("assets").forEach(a -> ids.add(a.get("id").isNull() ? a.get("folder").asText() : a.get("id").asText()));
    assertThat(ids.subList(0, 2)).containsExactlyElementsOf(
        hero.compareTo(villain) < 0 ? List.of(hero.hex(), villain.hex()) : List.of(villain.hex(), hero.hex()));
    assertThat(ids.subList(2, 4)).containsExactly("assets/broken", "assets/stray");
    assertThat(body.get("total").asInt()).isEqualTo(4);
    assertThat(body.get("nextCursor").isNull()).isTrue();
    assertThat(body.get("version").asLong()).isEqualTo(version());
  }

  @Test
  void filtersByTypeTagStateAndName() throws Exception {
    assertThat(names("/api/assets?type=text")).containsExactly("villain");
    assertThat(names("/api/assets?tag=sprite&tag=player")).containsExactly("hero");
    assertThat(names("/api/assets?tag=sprite")).containsExactlyInAnyOrder("hero", "villain");
    assertThat(names("/api/assets?state=unregistered")).containsExactly("stray");
    assertThat(names("/api/assets?state=invalid")).containsExactly("broken");
    assertThat(names("/api/assets?q=VIL")).containsExactly("villain");
    assertThat(names("/api/assets?q=assets%2Fst")).containsExactly("stray");
  }

  @Test
  void aListAskedAgainAfterACommitAnswersFromTheNewSnapshot() throws Exception {
    assertThat(names("/api/assets?q=knight")).isEmpty();
    assertThat(names("/api/assets?q=knight")).isEmpty();

    HttpResponse<String> renamed = served.post("/api/assets/" + hero.hex() + "/rename", "{\"name\": \"Knight\"}",
        served.bearer());

    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    assertThat(names("/api/assets?q=knight")).containsExactly("Knight");
    assertThat(json(served.get("/api/assets?q=knight")).get("version").asLong()).isEqualTo(version());
  }

  @Test
  void aCursorWhoseAssetWasRemovedGoesOnWithTheNextOne() throws Exception {
    JsonNode first = json(served.get("/api/assets?limit=1"));
    String gone = first.get("assets").get(0).get("id").asText();
    JsonNode all = json(served.get("/api/assets"));
    String following = all.get("assets").get(1).get("folder").asText();

    HttpResponse<String> removed = served.post("/api/assets/" + gone + "/remove", "{}", served.bearer());

    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
    JsonNode next = json(served.get("/api/assets?limit=1&cursor=" + first.get("nextCursor").asText()));
    assertThat(next.get("assets").get(0).get("folder").asText()).isEqualTo(following);
    assertThat(next.get("total").asInt()).isEqualTo(3);
  }

  private List<String> names(String path) throws Exception {
    HttpResponse<String> response = served.get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    json(response).get("assets").forEach(a -> names.add(a.get("name").asText()));
    return names;
  }

  @Test
  void pagesFollowTheCursorToTheEndWithoutRepeatsOrGaps() throws Exception {
    JsonNode all = json(served.get("/api/assets"));
    List<String> expected = new ArrayList<>();
    all.get("assets").forEach(a -> expected.add(a.get("folder").asText()));

    List<String> seen = new ArrayList<>();
    String path = "/api/assets?limit=1";
    for (int pages = 0; pages < 10; pages++) {
      JsonNode page = json(served.get(path));
      assertThat(page.get("assets")).hasSizeLessThanOrEqualTo(1);
      assertThat(page.get("total").asInt()).isEqualTo(4);
      page.get("assets").forEach(a -> seen.add(a.get("folder").asText()));
      if (page.get("nextCursor").isNull()) {
        break;
      }
      path = "/api/assets?limit=1&cursor=" + page.get("nextCursor").asText();
    }
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "/api/assets?limit=0", "/api/assets?limit=1001", "/api/assets?limit=ten", "/api/assets?state=lost",
    "/api/assets?cursor=%21%21", "/api/assets?cursor=eDp4", "/api/assets?sort=name", "/api/assets?type=a&type=b",
    "/api/diagnostics?severity=fatal", "/api/workspace?x=1", "/api/assets/HERO", "/api/assets/123"
  })
  void aBadQueryIsA400WithAMessage(String path) throws Exception {
    HttpResponse<String> response = served.get(path);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = json(response).get("error");
    assertThat(error.get("code").asText()).isEqualTo("bad_request");
    assertThat(error.get("message").asText()).isNotBlank();
  }

  @Test
  void oneAssetHasItsDeclarationInputsAndDiagnostics() throws Exception {
    HttpResponse<String> response = served.get("/api/assets/" + hero.hex());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).hasValue("\"" + version() + "\"");
    JsonNode asset = json(response).get("asset");
    assertThat(asset.get("id").asText()).isEqualTo(hero.hex());
    assertThat(asset.get("folder").asText()).isEqualTo("assets/hero");
    assertThat(asset.get("state").asText()).isEqualTo("registered");
    assertThat(asset.get("declaration").get("type").asText()).isEqualTo("blob");
    assertThat(asset.get("declaration").get("params").isObject()).isTrue();
    List<String> inputs = new ArrayList<>();
    asset.get("inputs").forEach(i -> inputs.add(i.get("path").asText() + " " + i.get("url").asText()));
    assertThat(inputs).containsExactly(
        "frames/walk 1.txt /api/assets/" + hero.hex() + "/inputs/frames/walk%201.txt",
        "hero.bin /api/assets/" + hero.hex() + "/inputs/hero.bin");
    assertThat(asset.get("diagnostics")).isEmpty();
  }

  @Test
  void anUnregisteredOrInvalidAssetIsReachedByItsFolder() throws Exception {
    JsonNode stray = json(served.get("/api/folders/assets/stray")).get("asset");
    JsonNode broken = json(served.get("/api/folders/assets/broken")).get("asset");

    assertThat(stray.get("id").isNull()).isTrue();
    assertThat(stray.get("state").asText()).isEqualTo("unregistered");
    assertThat(stray.get("inputs").get(0).get("url").isNull()).isTrue();
    assertThat(broken.get("state").asText()).isEqualTo("invalid");
    assertThat(broken.get("diagnostics").get(0).get("file").asText()).isEqualTo("assets/broken/asset.json");
    assertThat(broken.get("diagnostics").get(0).get("line").asInt()).isPositive();
  }

  @Test
  void anUnknownIdOrFolderIsA404WithAJsonError() throws Exception {
    HttpResponse<String> byId = served.get("/api/assets/00000000000000aa");
    HttpResponse<String> byFolder = served.get("/api/folders/assets/nobody");
    HttpResponse<String> input = served.get("/api/assets/00000000000000aa/inputs/hero.bin");
    HttpResponse<String> route = served.get("/api/nothing-here");

    for (HttpResponse<String> response : List.of(byId, byFolder, input, route)) {
      assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(404);
      assertThat(json(response).get("error").get("code").asText()).isEqualTo("not_found");
    }
    assertThat(json(byId).get("error").get("message").asText()).contains("00000000000000aa");
  }

  @Test
  void anInputIsServedByIdAndDeclaredPathWithASafeType() throws Exception {
    HttpResponse<byte[]> bin = served.getBytes("/api/assets/" + hero.hex() + "/inputs/hero.bin");
    HttpResponse<byte[]> text = served.getBytes("/api/assets/" + hero.hex() + "/inputs/frames/walk%201.txt");

    assertThat(bin.statusCode()).isEqualTo(200);
    assertThat(new String(bin.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("HERO");
    assertThat(bin.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(bin.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(bin.headers().firstValue("ETag")).hasValue("\"" + version() + "\"");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualTo("text/plain;charset=utf-8");
    assertThat(new String(text.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("walk");
  }

  @Test
  void aFileInTheFolderThatIsNotADeclaredInputIsNotServed() throws Exception {
    HttpResponse<String> declaration = served.get("/api/assets/" + hero.hex() + "/inputs/asset.json");

    assertThat(declaration.statusCode()).isEqualTo(404);
    assertThat(json(declaration).get("error").get("message").asText()).contains("has no input 'asset.json'");
  }

  @Test
  void diagnosticsListEveryProblemInCanonicalOrderAndFilterBySeverity() throws Exception {
    JsonNode all = json(served.get("/api/diagnostics"));
    JsonNode errors = json(served.get("/api/diagnostics?severity=error"));

    List<String> files = new ArrayList<>();
    all.get("diagnostics").forEach(d -> files.add(d.get("severity").asText() + " " + d.get("file").asText()));
    assertThat(files).contains("error assets/broken/asset.json", "warning assets/stray/asset.json");
    errors.get("diagnostics").forEach(d -> assertThat(d.get("severity").asText()).isEqualTo("error"));
    assertThat(errors.get("diagnostics").size()).isLessThan(all.get("diagnostics").size());
    assertThat(all.get("version").asLong()).isEqualTo(version());
  }

  @Test
  void aCommitIsSeenByTheNextReadWithANewerVersion() throws Exception {
    long before = json(served.get("/api/workspace")).get("version").asLong();

    long committed = served.workspace.execute(new Command.Rename(hero, "knight")).version();
    HttpResponse<String> after = served.get("/api/assets/" + hero.hex());

    assertThat(committed).isGreaterThan(before);
    assertThat(json(after).get("version").asLong()).isGreaterThanOrEqualTo(committed);
    assertThat(json(after).get("asset").get("name").asText()).isEqualTo("knight");
    assertThat(after.headers().firstValue("ETag")).hasValue("\"" + json(after).get("version").asLong() + "\"");
  }
}
