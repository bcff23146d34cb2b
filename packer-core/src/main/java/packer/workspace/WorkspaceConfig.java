package packer.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.json.CanonicalJson;
import packer.json.JsonDocument;
import packer.json.JsonSyntaxException;
import packer.json.Located;
import packer.path.WorkspacePath;

/**
 * {@code packer.json}: the workspace's name, where assets are scanned for, and build settings.
 *
 * @param roots workspace-relative folders scanned for assets ({@code .} for the whole workspace)
 * @param excludes glob patterns of workspace-relative folders never scanned
 */
public record WorkspaceConfig(
    String name, List<String> roots, List<String> excludes, String output, String compression, int alignment) {

  public static final String FILE_NAME = "packer.json";
  private static final Set<String> KEYS = Set.of("$schema", "name", "roots", "exclude", "build");
  private static final Set<String> BUILD_KEYS = Set.of("output", "compression", "alignment");

  public WorkspaceConfig {
    Objects.requireNonNull(name, "name");
    roots = List.copyOf(roots);
    excludes = List.copyOf(excludes);
  }

  public static WorkspaceConfig defaults(String name) {
    return new WorkspaceConfig(name, List.of("."), List.of(), "build", "none", 16);
  }

  public byte[] toJson() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    root.put("name", name);
    ArrayNode rootsNode = root.putArray("roots");
    roots.forEach(rootsNode::add);
    ArrayNode excludeNode = root.putArray("exclude");
    excludes.forEach(excludeNode::add);
    ObjectNode build = root.putObject("build");
    build.put("output", output);
    build.put("compression", compression);
    build.put("alignment", alignment);
    return CanonicalJson.pretty(root);
  }

  /** The config and its problems; the config falls back to defaults where a value is bad. */
  public record Parsed(WorkspaceConfig config, List<Diagnostic> diagnostics) {
    public Parsed {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  public static Parsed parse(byte[] bytes, String fallbackName) {
    List<Diagnostic> problems = new ArrayList<>();
    WorkspaceConfig defaults = defaults(fallbackName);
    JsonDocument document;
    try {
      document = JsonDocument.parse(bytes);
    } catch (JsonSyntaxException e) {
      problems.add(Diagnostic.error(Code.JSON_SYNTAX, FILE_NAME, e.line(), e.column(),
          e.getMessage() + "; fix the JSON syntax"));
      return new Parsed(defaults, problems);
    }
    JsonNode root = document.root();
    if (!root.isObject()) {
      problems.add(error(document, "", "packer.json must hold a JSON object"));
      return new Parsed(defaults, problems);
    }
    root.fieldNames().forEachRemaining(key -> {
      if (!KEYS.contains(key)) {
        Located at = document.keyAt("/" + key);
        problems.add(Diagnostic.error(Code.UNKNOWN_KEY, FILE_NAME, at.line(), at.column(),
            "unknown key '" + key + "'; known keys are $schema, build, exclude, name, roots"));
      }
    });
    String name = text(root, "name", document, problems, defaults.name());
    List<String> roots = paths(root, "roots", document, problems, defaults.roots(), true);
    List<String> excludes = paths(root, "exclude", document, problems, defaults.excludes(), false);
    JsonNode build = root.path("build");
    String output = defaults.output();
    String compression = defaults.compression();
    int alignment = defaults.alignment();
    if (!build.isMissingNode()) {
      if (!build.isObject()) {
        problems.add(error(document, "/build", "'build' must be an object"));
      } else {
        build.fieldNames().forEachRemaining(key -> {
          if (!BUILD_KEYS.contains(key)) {
            Located at = document.keyAt("/build/" + key);
            problems.add(Diagnostic.error(Code.UNKNOWN_KEY, FILE_NAME, at.line(), at.column(),
                "unknown key '" + key + "' in build; known keys are alignment, compression, output"));
          }
        });
        output = text(build, "output", document, "/build/output", problems, output);
        compression = text(build, "compression", document, "/build/compression", problems, compression);
        if (!compression.equals("none") && !compression.equals("zstd")) {
          problems.add(error(document, "/build/compression", "compression must be \"none\" or \"zstd\""));
          compression = defaults.compression();
        }
        JsonNode align = build.get("alignment");
        if (align != null) {
          if (!align.isIntegralNumber() || align.asLong() < 1 || align.asLong() > 1 << 16
              || Long.bitCount(align.asLong()) != 1) {
            problems.add(error(document, "/build/alignment",
                "alignment must be a power of two from 1 to 65536"));
          } else {
            alignment = align.intValue();
          }
        }
      }
    }
    return new Parsed(new WorkspaceConfig(name, roots, excludes, output, compression, alignment), problems);
  }

  private static String text(JsonNode node, String key, JsonDocument document, List<Diagnostic> problems, String fallback) {
    return text(node, key, document, "/" + key, problems, fallback);
  }

  private static String text(
      JsonNode node, String key, JsonDocument document, String pointer, List<Diagnostic> problems, String fallback) {
    JsonNode value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isTextual() || value.textValue().isEmpty()) {
      problems.add(error(document, pointer, "'" + key + "' must be a non-empty string"));
      return fallback;
    }
    return value.textValue();
  }

  private static List<String> paths(
      JsonNode root, String key, JsonDocument document, List<Diagnostic> problems, List<String> fallback,
      boolean canonical) {
    JsonNode value = root.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isArray()) {
      problems.add(error(document, "/" + key, "'" + key + "' must be an array of relative paths"));
      return fallback;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode element = value.get(i);
      if (!element.isTextual()) {
        problems.add(error(document, "/" + key + "/" + i, "'" + key + "' entries must be strings"));
        continue;
      }
      String text = element.textValue();
      if (canonical && text.equals(".")) {
        out.add(".");
        continue;
      }
      WorkspacePath.Result checked = WorkspacePath.canonical(text);
      if (!checked.isValid()) {
        problems.add(error(document, "/" + key + "/" + i, "'" + text + "': " + checked.reason()));
      } else {
        out.add(canonical ? checked.path().get() : text);
      }
    }
    return out;
  }

  private static Diagnostic error(JsonDocument document, String pointer, String message) {
    Located at = document.valueAt(pointer);
    return Diagnostic.error(Code.BAD_CONFIG, FILE_NAME, at.line(), at.column(), message);
  }
}
