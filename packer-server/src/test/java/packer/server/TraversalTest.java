package packer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.id.AssetId;

/**
 * The traversal corpus against every endpoint that takes a name or a path: a canary file beside
 * the workspace must never be served, whatever the request says or the disk holds.
 */
class TraversalTest {

  static final String CANARY = "CANARY-7f3a-never-serve-me";

  @TempDir Path dir;
  ServedWorkspace served;
  Path canary;
  AssetId hero;

  @BeforeEach
  void setUp() throws Exception {
    canary = dir.resolve("canary.txt");
    Files.writeString(canary, CANARY, StandardCharsets.UTF_8);
    Path root = ServedWorkspace.init(dir.resolve("game"), "game");
    ServedWorkspace.asset(root, "assets/hero", "hero", "blob", List.of(), Map.of("hero.bin", "HERO", "sub/a.txt", "A"));
    served = ServedWorkspace.serve(root);
    hero = served.adopt("assets/hero");
  }

  @AfterEach
  void tearDown() throws Exception {
    served.close();
  }

  List<String> tails() {
    String abs = canary.toAbsolutePath().toString();
    return List.of(
        "../../../canary.txt", "..%2f..%2f..%2fcanary.txt", "%2e%2e/%2e%2e/%2e%2e/canary.txt",
        "%2e%2e%2f%2e%2e%2f%2e%2e%2fcanary.txt", "%252e%252e/%252e%252e/%252e%252e/canary.txt",
        "%252e%252e%252f%252e%252e%252fcanary.txt", "..\\..\\..\\canary.txt", "..%5c..%5c..%5ccanary.txt",
        "sub/../../../../canary.txt", "./../../../canary.txt", "." + "/sub/%2e%2e/%2e%2e/%2e%2e/%2e%2e/canary.txt",
        abs, "/" + abs, "%2f" + abs.substring(1).replace("/", "%2f"), "hero.bin%00", "hero.bin%00/../../../canary.txt",
        "%00../../../canary.txt", "..%00/..%00/canary.txt", "..;/..;/..;/canary.txt", "%c0%ae%c0%ae/%c0%ae%c0%ae/canary.txt",
        "file:" + abs, "C:%5ccanary.txt", "C:\\canary.txt", "..", "../", "./..", "sub/\u0000/..");
  }

  List<String> corpus() {
    List<String> targets = new ArrayList<>();
    for (String tail : tails()) {
      targets.add("/api/assets/" + hero.hex() + "/inputs/" + tail);
      targets.add("/api/folders/" + tail);
      targets.add("/api/assets/" + tail);
      targets.add("/api/builds/" + tail);
      targets.add("/" + tail);
      targets.add("/studio/" + tail);
    }
    return targets;
  }

  @Test
  void noRequestInTheCorpusServesTheCanary() throws Exception {
    for (String target : corpus()) {
      RawHttp.Answer answer = RawHttp.get(served.server.port(), target);

      assertThat(answer.text()).as(target).doesNotContain(CANARY);
      assertThat(answer.status()).as(target + "\n" + answer.text()).isIn(400, 403, 404);
    }
  }

  @Test
  void theCorpusAsTheUpdateRoutesIdIsRefused() throws Exception {
    for (String tail : tails()) {
      String target = "/api/assets/" + tail + "/declaration";
      String request = "PUT " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + served.server.port()
          + "\r\nAuthorization: Bearer " + served.server.bearerToken()
          + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";

      RawHttp.Answer answer = RawHttp.send(served.server.port(), request);

      assertThat(answer.text()).as(target).doesNotContain(CANARY);
      assertThat(answer.status()).as(target + "\n" + answer.text()).isIn(400, 404);
    }
  }

  /**
   * A create's folder and input names come in its body: whatever they say, nothing is written or
   * read outside the workspace (a folder or name that is merely odd may be created inside it).
   */
  @Test
  void theCorpusAsACreatesFolderOrInputNameNeverLeavesTheWorkspace() throws Exception {
    List<String> outsideBefore = listing(dir);
    int i = 0;
    for (String tail : tails()) {
      i++;
      var asFolder = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
          .put("folder", tail).put("type", "blob");
      asFolder.putArray("inputs").addObject().put("name", "f" + i + ".bin").put("base64", "QQ==");
      var asName = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
          .put("folder", "trav/t" + i).put("type", "blob");
      asName.putArray("inputs").addObject().put("name", tail).put("base64", "QQ==");

      for (var body : List.of(asFolder, asName)) {
        var response = served.post("/api/assets", body.toString(), served.bearer());

        assertThat(response.body()).as(body.toString()).doesNotContain(CANARY).doesNotContain(".packer/upload-");
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isIn(201, 400, 422);
        if (response.statusCode() == 201) {
          String folder = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("folder").asText();
          assertThat(served.root.resolve(folder).normalize()).startsWith(served.root);
          assertThat(served.root.resolve(folder).toRealPath()).startsWith(served.root.toRealPath());
        }
      }
      if (Files.exists(served.root.resolve("trav/t" + i))) {
        try (var files = Files.list(served.root.resolve("trav/t" + i))) {
          for (Path file : files.toList()) {
            assertThat(file.getParent()).isEqualTo(served.root.resolve("trav/t" + i));
          }
        }
      }
    }
    assertThat(listing(dir)).isEqualTo(outsideBefore);
    assertThat(Files.readString(canary)).isEqualTo(CANARY);
  }

  private static List<String> listing(Path folder) throws java.io.IOException {
    try (var files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anInputThatBecameALinkOutOfTheFolderIsRefused() throws Exception {
    Path input = served.root.resolve("assets/hero/hero.bin");
    Files.delete(input);
    Files.createSymbolicLink(input, canary);

    RawHttp.Answer answer = RawHttp.get(served.server.port(), "/api/assets/" + hero.hex() + "/inputs/hero.bin");

    assertThat(answer.text()).doesNotContain(CANARY);
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.text()).contains("outside_asset");
  }

  @Test
  void aFolderThatBecameALinkOutOfTheWorkspaceIsRefused() throws Exception {
    Path outside = dir.resolve("outside");
    Files.createDirectories(outside.resolve("sub"));
    Files.writeString(outside.resolve("sub/a.txt"), CANARY);
    Path sub = served.root.resolve("assets/hero/sub");
    Files.delete(sub.resolve("a.txt"));
    Files.delete(sub);
    Files.createSymbolicLink(sub, outside.resolve("sub"));

    RawHttp.Answer answer = RawHttp.get(served.server.port(), "/api/assets/" + hero.hex() + "/inputs/sub/a.txt");

    assertThat(answer.text()).doesNotContain(CANARY);
    assertThat(answer.status()).isEqualTo(403);
  }

  @Test
  void aLinkDeclaredAsAnInputIsNeverServed() throws Exception {
    Path linked = served.root.resolve("assets/linked");
    Files.createDirectories(linked);
    Files.createSymbolicLink(linked.resolve("leak.txt"), canary);
    Files.writeString(linked.resolve("asset.json"), "{\"name\": \"linked\", \"type\": \"blob\", \"inputs\": [\"leak.txt\"]}\n");
    String id;
    try {
      id = served.adopt("assets/linked").hex();
    } catch (Exception refused) {
      // The scanner already refuses a link out of the folder: there is nothing to ask for by id.
      RawHttp.Answer answer = RawHttp.get(served.server.port(), "/api/folders/assets/linked");
      assertThat(answer.text()).doesNotContain(CANARY);
      return;
    }
    RawHttp.Answer answer = RawHttp.get(served.server.port(), "/api/assets/" + id + "/inputs/leak.txt");

    assertThat(answer.text()).doesNotContain(CANARY);
    assertThat(answer.status()).isIn(403, 404);
  }

  @Test
  void theDeclaredInputsAreStillServed() throws Exception {
    RawHttp.Answer answer = RawHttp.get(served.server.port(), "/api/assets/" + hero.hex() + "/inputs/sub/a.txt");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).endsWith("\r\n\r\nA");
  }
}
