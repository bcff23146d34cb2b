package packer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import packer.diagnostic.Diagnostic;
import packer.json.CanonicalJson;
import packer.scan.ResolvedInput;
import packer.snapshot.Asset;

/** The JSON shapes the CLI prints with --json; the README documents them. */
final class JsonOutput {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonOutput() {}

  static void print(Terminal terminal, JsonNode node) {
    terminal.out().print(new String(CanonicalJson.pretty(node), StandardCharsets.UTF_8));
    terminal.out().flush();
  }

  /** {@code {"id", "name", "type", "root", "state"}}: id is null for an unregistered asset. */
  static ObjectNode asset(Asset asset) {
    ObjectNode node = NODES.objectNode();
    if (asset.id().isPresent()) {
      node.put("id", asset.id().get().hex());
    } else {
      node.putNull("id");
    }
    putOptional(node, "name", asset.name().orElse(null));
    putOptional(node, "type", asset.type().orElse(null));
    node.put("root", asset.folder());
    node.put("state", asset.state().label());
    return node;
  }

  static ObjectNode assetDetails(Asset asset) {
    ObjectNode node = asset(asset);
    ArrayNode tags = node.putArray("tags");
    asset.tags().forEach(tags::add);
    asset.declaration().ifPresent(d -> {
      ArrayNode declared = node.putArray("declaredInputs");
      d.inputs().forEach(declared::add);
      node.set("params", parse(d.params()));
    });
    ArrayNode inputs = node.putArray("inputs");
    for (ResolvedInput input : asset.inputs()) {
      inputs.addObject().put("path", input.path()).put("size", input.size());
    }
    node.set("diagnostics", diagnostics(asset.diagnostics()));
    return node;
  }

  static ArrayNode diagnostics(List<Diagnostic> diagnostics) {
    ArrayNode array = NODES.arrayNode();
    for (Diagnostic d : diagnostics) {
      array.addObject()
          .put("file", d.file())
          .put("line", d.line())
          .put("column", d.column())
          .put("severity", d.severity().label())
          .put("code", d.code().id())
          .put("message", d.message());
    }
    return array;
  }

  private static JsonNode parse(String json) {
    try {
      return packer.json.JsonDocument.parse(json.getBytes(StandardCharsets.UTF_8)).root();
    } catch (packer.json.JsonSyntaxException e) {
      return NODES.textNode(json);
    }
  }

  private static void putOptional(ObjectNode node, String key, String value) {
    if (value == null) {
      node.putNull(key);
    } else {
      node.put(key, value);
    }
  }
}
