package packer.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An asset folder written by hand, without packer: {@code workspace.asset("assets/hero")
 * .name("hero").input("hero.bin", "...").create()}. The asset.json it writes has one key per line,
 * in the order given (name, type, inputs, tags, then extra keys), so tests can name lines.
 */
final class HandMadeAsset {

  private final TestWorkspace workspace;
  private final String folder;
  private String name;
  private String type = "blob";
  private final List<String> inputs = new ArrayList<>();
  private final List<String> tags = new ArrayList<>();
  private final Map<String, String> extraKeys = new LinkedHashMap<>();
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private String rawJson;

  HandMadeAsset(TestWorkspace workspace, String folder) {
    this.workspace = workspace;
    this.folder = folder;
  }

  HandMadeAsset name(String newName) {
    this.name = newName;
    return this;
  }

  HandMadeAsset type(String newType) {
    this.type = newType;
    return this;
  }

  /** Writes the file {@code path} in the folder and declares it as an input. */
  HandMadeAsset input(String path, String content) {
    inputs.add(path);
    return file(path, content);
  }

  /** Declares an input without writing a file for it. */
  HandMadeAsset declaredInput(String path) {
    inputs.add(path);
    return this;
  }

  /** Writes a file in the folder without declaring it. */
  HandMadeAsset file(String path, String content) {
    files.put(path, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  HandMadeAsset tags(String... newTags) {
    tags.addAll(List.of(newTags));
    return this;
  }

  /** Adds {@code "key": rawValue} to asset.json; the value is written as given (JSON text). */
  HandMadeAsset key(String key, String rawValue) {
    extraKeys.put(key, rawValue);
    return this;
  }

  /** Writes exactly this text as asset.json instead of building it. */
  HandMadeAsset json(String text) {
    this.rawJson = text;
    return this;
  }

  /** The folder, workspace-relative. */
  String create() {
    files.forEach((path, bytes) -> TestWorkspace.writeBytes(workspace.path(folder).resolve(path), bytes));
    workspace.write(folder + "/asset.json", rawJson != null ? rawJson : declaration());
    return folder;
  }

  private String declaration() {
    List<String> lines = new ArrayList<>();
    if (name != null) {
      lines.add("\"name\": " + quote(name));
    }
    if (type != null) {
      lines.add("\"type\": " + quote(type));
    }
    if (!inputs.isEmpty()) {
      lines.add("\"inputs\": " + array(inputs));
    }
    if (!tags.isEmpty()) {
      lines.add("\"tags\": " + array(tags));
    }
    extraKeys.forEach((key, value) -> lines.add(quote(key) + ": " + value));
    StringBuilder json = new StringBuilder("{\n");
    for (int i = 0; i < lines.size(); i++) {
      json.append("  ").append(lines.get(i)).append(i < lines.size() - 1 ? ",\n" : "\n");
    }
    return json.append("}\n").toString();
  }

  private static String array(List<String> values) {
    List<String> quoted = new ArrayList<>();
    values.forEach(v -> quoted.add(quote(v)));
    return "[" + String.join(", ", quoted) + "]";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
