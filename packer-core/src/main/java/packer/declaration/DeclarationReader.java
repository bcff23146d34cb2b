package packer.declaration;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.json.CanonicalJson;
import packer.json.JsonDocument;
import packer.json.JsonSyntaxException;
import packer.json.Located;
import packer.path.WorkspacePath;
import packer.processor.ParamProblem;

/**
 * Reads an {@code asset.json} strictly: every problem becomes a diagnostic at its line and column,
 * and all of them are reported, not only the first.
 */
public final class DeclarationReader {

  public static final String FILE_NAME = "asset.json";
  public static final int MAX_BYTES = 1 << 20;
  public static final int MAX_NAME_LENGTH = 200;

  private static final Set<String> KNOWN_KEYS = Set.of("$schema", "name", "type", "inputs", "params", "tags", "compression");
  private static final Set<String> REGISTRY_KEYS =
      Set.of("asset_id", "assetId", "id", "uuid", "guid", "folder", "registry");

  private final AssetTypes types;

  public DeclarationReader(AssetTypes types) {
    this.types = types;
  }

  /**
   * Reads the declaration of the asset in {@code folder}.
   *
   * @param folder the asset folder, workspace-relative; its last segment is the default name
   */
  public ParsedDeclaration read(String folder, byte[] bytes) {
    String file = folder + "/" + FILE_NAME;
    List<Diagnostic> problems = new ArrayList<>();
    if (bytes.length > MAX_BYTES) {
      problems.add(Diagnostic.error(Code.TOO_LARGE, file, 0, 0,
          "asset.json is " + bytes.length + " bytes; the limit is " + MAX_BYTES
              + ": keep large data in input files"));
      return ParsedDeclaration.unreadable(problems);
    }
    JsonDocument document;
    try {
      document = JsonDocument.parse(bytes);
    } catch (JsonSyntaxException e) {
      problems.add(Diagnostic.error(Code.JSON_SYNTAX, file, e.line(), e.column(),
          e.getMessage() + "; fix the JSON syntax"));
      return ParsedDeclaration.unreadable(problems);
    }
    JsonNode root = document.root();
    if (!root.isObject()) {
      problems.add(at(document, "", Code.BAD_VALUE, file, "asset.json must hold a JSON object"));
      return ParsedDeclaration.unreadable(problems);
    }
    checkKeys(root, document, file, problems);
    String name = readName(root, document, file, folder, problems);
    String type = readType(root, document, file, problems);
    List<String> inputs = readStrings(root, "inputs", document, file, problems);
    for (int i = 0; i < inputs.size(); i++) {
      WorkspacePath.Result checked = WorkspacePath.canonical(inputs.get(i));
      if (!checked.isValid()) {
        problems.add(at(document, "/inputs/" + i, Code.ESCAPING_INPUT, file,
            "input '" + inputs.get(i) + "' must stay inside the asset folder: " + checked.reason()));
      }
    }
    String params = readParams(root, document, file, problems);
    boolean knownType = type != null && problems.stream().noneMatch(d -> d.code() == Code.UNKNOWN_TYPE);
    if (knownType && root.path("params").isObject()) {
      for (ParamProblem problem : types.checkParams(type, root.get("params"))) {
        Located where = document.keyAt("/params" + problem.pointer());
        problems.add(Diagnostic.error(Code.BAD_PARAM, file, where.line(), where.column(),
            "params" + problem.pointer().replace('/', '.') + ": " + problem.message()));
      }
    }
    TreeSet<String> sortedTags = new TreeSet<>(packer.path.PathOrder.COMPARATOR);
    sortedTags.addAll(readStrings(root, "tags", document, file, problems));
    List<String> tags = new ArrayList<>(sortedTags);
    Optional<String> compression = readCompression(root, document, file, problems);
    List<Located> inputsAt = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      inputsAt.add(document.valueAt("/inputs/" + i));
    }
    Optional<Declaration> declaration =
        name == null || type == null
            ? Optional.empty()
            : Optional.of(new Declaration(name, type, inputs, params, tags, compression));
    return new ParsedDeclaration(declaration, document.keyAt("/name"), inputsAt, problems);
  }

  private static void checkKeys(JsonNode root, JsonDocument document, String file, List<Diagnostic> problems) {
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      String key = it.next().getKey();
      if (KNOWN_KEYS.contains(key) || key.startsWith("x-")) {
        continue;
      }
      Located where = document.keyAt("/" + key.replace("~", "~0").replace("/", "~1"));
      if (REGISTRY_KEYS.contains(key)) {
        problems.add(Diagnostic.error(Code.REGISTRY_KEY, file, where.line(), where.column(),
            "'" + key + "' does not belong in asset.json: identity lives in the registry"
                + " (registry/), which packer owns; remove the key"));
      } else {
        problems.add(Diagnostic.error(Code.UNKNOWN_KEY, file, where.line(), where.column(),
            "unknown key '" + key + "'; known keys are $schema, compression, inputs, name, params, tags, type,"
                + " and x-* for your own tools"));
      }
    }
  }

  private static String readName(
      JsonNode root, JsonDocument document, String file, String folder, List<Diagnostic> problems) {
    JsonNode node = root.get("name");
    if (node == null) {
      return WorkspacePath.lastSegment(folder);
    }
    if (!node.isTextual()) {
      problems.add(at(document, "/name", Code.BAD_VALUE, file, "'name' must be a string"));
      return null;
    }
    String name = node.textValue();
    String reason = NameRules.problem(name);
    if (reason != null) {
      problems.add(at(document, "/name", Code.BAD_VALUE, file, reason));
      return null;
    }
    return name;
  }

  private String readType(JsonNode root, JsonDocument document, String file, List<Diagnostic> problems) {
    JsonNode node = root.get("type");
    if (node == null) {
      problems.add(Diagnostic.error(Code.MISSING_KEY, file, 1, 1,
          "'type' is missing; add \"type\": one of " + String.join(", ", types.names())));
      return null;
    }
    if (!node.isTextual()) {
      problems.add(at(document, "/type", Code.BAD_VALUE, file, "'type' must be a string"));
      return null;
    }
    String type = node.textValue();
    if (!types.isKnown(type)) {
      problems.add(at(document, "/type", Code.UNKNOWN_TYPE, file,
          "unknown type '" + type + "'; known types are " + String.join(", ", types.names())));
    }
    return type;
  }

  private static List<String> readStrings(
      JsonNode root, String key, JsonDocument document, String file, List<Diagnostic> problems) {
    JsonNode node = root.get(key);
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (!node.isArray()) {
      problems.add(at(document, "/" + key, Code.BAD_VALUE, file, "'" + key + "' must be an array of strings"));
      return values;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      if (!element.isTextual() || element.textValue().isEmpty()) {
        problems.add(at(document, "/" + key + "/" + i, Code.BAD_VALUE, file,
            "'" + key + "' entries must be non-empty strings"));
      } else {
        values.add(element.textValue());
      }
    }
    return values;
  }

  private static Optional<String> readCompression(
      JsonNode root, JsonDocument document, String file, List<Diagnostic> problems) {
    JsonNode node = root.get("compression");
    if (node == null) {
      return Optional.empty();
    }
    if (!node.isTextual() || !Declaration.COMPRESSIONS.contains(node.textValue())) {
      problems.add(at(document, "/compression", Code.BAD_VALUE, file,
          "'compression' must be \"none\" or \"zstd\" (or left out to follow packer.json's build.compression)"));
      return Optional.empty();
    }
    return Optional.of(node.textValue());
  }

  private static String readParams(JsonNode root, JsonDocument document, String file, List<Diagnostic> problems) {
    JsonNode node = root.get("params");
    if (node == null) {
      return "{}";
    }
    if (!node.isObject()) {
      problems.add(at(document, "/params", Code.BAD_VALUE, file, "'params' must be an object"));
      return "{}";
    }
    byte[] canonical = CanonicalJson.compact(node);
    return new String(canonical, 0, canonical.length - 1, StandardCharsets.UTF_8);
  }

  private static Diagnostic at(JsonDocument document, String pointer, Code code, String file, String message) {
    Located where = document.valueAt(pointer);
    return Diagnostic.error(code, file, where.line(), where.column(), message);
  }
}
