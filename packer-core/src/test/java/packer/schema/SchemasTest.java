package packer.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import packer.json.JsonDocument;

/** The schemas shipped for editors list exactly the keys packer accepts. */
class SchemasTest {

  private static List<String> properties(String resource) throws Exception {
    try (InputStream in = SchemasTest.class.getResourceAsStream(resource)) {
      JsonNode root = JsonDocument.parse(in.readAllBytes()).root();
      List<String> keys = new ArrayList<>();
      root.path("properties").fieldNames().forEachRemaining(keys::add);
      return keys;
    }
  }

  @Test
  void assetSchemaNamesTheKeysOfAssetJson() throws Exception {
    assertThat(properties("/packer/schemas/asset.schema.json"))
        .containsExactlyInAnyOrder("$schema", "name", "type", "inputs", "params", "tags", "compression");
  }

  @Test
  void configSchemaNamesTheKeysOfPackerJson() throws Exception {
    assertThat(properties("/packer/schemas/packer.schema.json"))
        .containsExactlyInAnyOrder("$schema", "name", "roots", "exclude", "build");
  }
}
