package packer.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packer.id.AssetId;
import packer.json.CanonicalJson;

class ManifestTest {

  private static final String HASH = "98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4";

  private static final List<BuiltEntry> ENTRIES = List.of(
      new BuiltEntry(AssetId.parse("0000000000000001"), "readme", "text", 1, 6, 6, "none", HASH,
          List.of(new BuiltInput("readme.txt", 7, HASH))),
      new BuiltEntry(AssetId.parse("3f9a0c1d2e4b5a67"), "héros/épée 🗡 \"quoted\"\t\\", "image", 3, 1L << 40, 12,
          "zstd", HASH, List.of(new BuiltInput("b.png", 12, HASH), new BuiltInput("a ü.png", 0, HASH))),
      new BuiltEntry(AssetId.parse("ffffffffffffffff"), "", "blob", 1, 0, 0, "none", HASH, List.of()));

  @ParameterizedTest(name = "zstd asked: {0}")
  @ValueSource(booleans = {false, true})
  void theManifestIsTheCanonicalCompactJsonOfItsContent(boolean zstd) {
    OptionalInt level = zstd ? OptionalInt.of(3) : OptionalInt.empty();

    byte[] rendered = Manifest.render("Game ü", "1.2.3", 1, 0, 4096, HASH, ENTRIES, level);

    assertThat(rendered).isEqualTo(CanonicalJson.compact(tree("Game ü", "1.2.3", 4096, level)));
  }

  /** The manifest as a JSON tree, key order left to the canonical form. */
  private static ObjectNode tree(String workspace, String packerVersion, int alignment, OptionalInt zstdLevel) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    root.put("workspace", workspace);
    root.put("packerVersion", packerVersion);
    root.put("formatVersion", "1.0");
    root.put("alignment", alignment);
    if (zstdLevel.isPresent()) {
      root.putObject("codecs").putObject("zstd")
          .put("library", "zstd-jni")
          .put("version", EntryCodec.ZSTD_VERSION)
          .put("level", zstdLevel.getAsInt());
    }
    root.put("packSha256", HASH);
    ArrayNode list = root.putArray("entries");
    for (BuiltEntry entry : ENTRIES) {
      ObjectNode node = list.addObject();
      node.put("type", entry.type());
      node.put("name", entry.name());
      node.put("id", entry.id().hex());
      node.put("sha256", entry.sha256());
      node.put("storedSize", entry.storedSize());
      node.put("rawSize", entry.rawSize());
      node.put("processorVersion", entry.processorVersion());
      node.put("compression", entry.compression());
      ArrayNode inputs = node.putArray("inputs");
      for (BuiltInput input : entry.inputs()) {
        inputs.addObject().put("size", input.size()).put("sha256", input.sha256()).put("path", input.path());
      }
    }
    return root;
  }
}
