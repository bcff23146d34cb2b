package packer.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.json.JsonDocument;
import packer.pack.Pack;
import packer.pack.PackEntry;

class BuildOutputTest {

  @TempDir Path dir;

  @Test
  void entriesAreInIdOrderWithNamesAndTypesFromTheDeclarations() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));

    BuildResult built = BuildFixture.build(root, 4);

    assertThat(built.pack()).isEqualTo(root.resolve("build/game.pack"));
    try (Pack pack = Pack.open(built.pack())) {
      pack.verify();
      List<String> rows = new ArrayList<>();
      for (PackEntry entry : pack.entries()) {
        rows.add(entry.idHex() + " " + entry.name() + " " + entry.type());
      }
      assertThat(rows).containsExactly(
          "1000000000000000 zulu blob",
          "8000000000000000 Mid Ü json",
          "f00000000000000a alpha text");
      assertThat(text(pack, pack.findByName("alpha").orElseThrow())).isEqualTo("one\ntwo\n");
      assertThat(text(pack, pack.findByName("Mid Ü").orElseThrow())).isEqualTo("{\"a\":[1,2],\"b\":1}");
    }
  }

  @Test
  void theResultAndTheManifestDescribeThePack() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));

    BuildResult built = BuildFixture.build(root, 2);

    String fileHash = HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(built.pack())));
    assertThat(built.sha256()).isEqualTo(fileHash);
    assertThat(built.bytesOut()).isEqualTo(Files.size(built.pack()));
    assertThat(built.bytesIn()).isEqualTo(10 + 10 + 23);
    assertThat(built.manifest()).isEqualTo(root.resolve("build/game.manifest.json"));

    byte[] manifestBytes = Files.readAllBytes(built.manifest());
    String manifestText = new String(manifestBytes, StandardCharsets.UTF_8);
    assertThat(manifestText).endsWith("}\n").doesNotContain(dir.toString());
    JsonNode manifest = JsonDocument.parse(manifestBytes).root();
    assertThat(manifest.path("packSha256").asText()).isEqualTo(fileHash);
    assertThat(manifest.path("packerVersion").asText()).isEqualTo("test");
    List<String> ids = new ArrayList<>();
    manifest.path("entries").forEach(e -> ids.add(e.path("id").asText()));
    assertThat(ids).containsExactly("1000000000000000", "8000000000000000", "f00000000000000a");
    JsonNode alpha = manifest.path("entries").get(2);
    assertThat(alpha.path("name").asText()).isEqualTo("alpha");
    assertThat(alpha.path("compression").asText()).isEqualTo("none");
    assertThat(alpha.path("rawSize").asLong()).isEqualTo(8);
    assertThat(alpha.path("inputs").get(0).path("path").asText()).isEqualTo("alpha.txt");
    assertThat(alpha.path("inputs").get(0).path("sha256").asText()).hasSize(64);
  }

  private static String text(Pack pack, PackEntry entry) {
    ByteBuffer data = pack.data(entry);
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void entryDataIsAlignedAsPackerJsonAsks() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    Files.writeString(root.resolve("packer.json"),
        "{\"name\":\"game\",\"build\":{\"output\":\"out\",\"compression\":\"none\",\"alignment\":4096}}\n");

    BuildResult built = BuildFixture.build(root, 2);

    assertThat(built.pack()).isEqualTo(root.resolve("out/game.pack"));
    try (Pack pack = Pack.open(built.pack())) {
      assertThat(pack.alignment()).isEqualTo(4096);
      assertThat(pack.entries()).allSatisfy(entry -> assertThat(entry.dataOffset() % 4096).isZero());
    }
  }
}
