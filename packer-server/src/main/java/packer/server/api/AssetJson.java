package packer.server.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import packer.declaration.Declaration;
import packer.diagnostic.Diagnostic;
import packer.scan.ResolvedInput;
import packer.server.http.Json;
import packer.snapshot.Asset;

/** How assets and diagnostics look in the API: ordered maps, the same for the same snapshot. */
final class AssetJson {

  private AssetJson() {}

  static Map<String, Object> summary(Asset asset) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", asset.id().map(id -> id.hex()).orElse(null));
    json.put("folder", asset.folder());
    json.put("state", asset.state().label());
    json.put("name", asset.name().orElse(null));
    json.put("type", asset.type().orElse(null));
    json.put("tags", asset.tags());
    json.put("errors", asset.diagnostics().stream().filter(Diagnostic::isError).count());
    json.put("warnings", asset.diagnostics().stream().filter(d -> !d.isError()).count());
    return json;
  }

  static Map<String, Object> detail(Asset asset) {
    Map<String, Object> json = summary(asset);
    json.put("declaration", asset.declaration().map(AssetJson::declaration).orElse(null));
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (ResolvedInput input : asset.inputs()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("path", input.path());
      item.put("size", input.size());
      item.put("url", asset.id().map(id -> inputUrl(id.hex(), input.path())).orElse(null));
      inputs.add(item);
    }
    json.put("inputs", inputs);
    json.put("diagnostics", diagnostics(asset.diagnostics()));
    return json;
  }

  private static Map<String, Object> declaration(Declaration declaration) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", declaration.name());
    json.put("type", declaration.type());
    json.put("inputs", declaration.inputs());
    json.put("params", Json.tree(declaration.params()));
    json.put("tags", declaration.tags());
    return json;
  }

  static List<Map<String, Object>> diagnostics(List<Diagnostic> diagnostics) {
    List<Map<String, Object>> list = new ArrayList<>(diagnostics.size());
    for (Diagnostic diagnostic : diagnostics) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("severity", diagnostic.severity().label());
      json.put("code", diagnostic.code().id());
      json.put("file", diagnostic.file());
      json.put("line", diagnostic.line());
      json.put("column", diagnostic.column());
      json.put("message", diagnostic.message());
      list.add(json);
    }
    return list;
  }

  /** The preview URL of an input: each path segment percent-encoded, slashes kept. */
  static String inputUrl(String id, String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      segments.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return "/api/assets/" + id + "/inputs/" + String.join("/", segments);
  }
}
