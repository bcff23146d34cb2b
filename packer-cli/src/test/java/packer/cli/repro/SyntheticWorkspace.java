package packer.cli.repro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import packer.id.AssetId;
import packer.registry.RegistryRecord;
import packer.workspace.Workspace;

/**
 * A generated workspace made to catch what the small demo cannot: hundreds of registered assets of
 * every built-in type, so build threads really interleave, and names and keys chosen where locales,
 * case mapping and string orders disagree: Turkish dotted and dotless i, {@code ß}, fullwidth
 * letters (sorted after an emoji in UTF-16 units, before it in code points), CJK.
 *
 * <p>A function of {@code seed} alone: assets are registered by writing registry records directly,
 * as {@code packer adopt --all} would.
 */
public final class SyntheticWorkspace {

  /** Folder names differ in more than case across the board, so no case-collision arises. */
  private static final List<String> CATEGORIES = List.of("Sprites", "ui", "İkonlar", "ılık", "Straße", "日本",
      "emoji😀", "Ｆull");

  private static final List<String> NAMES = List.of("Title", "İstanbul", "ıslak", "ICON", "ice", "Æther", "été",
      "日本語", "😀smile", "Ｆwide", "zebra", "Zulu");

  private static final List<String> JSON_KEYS = List.of("i", "I", "İ", "ı", "ß", "SS", "é", "z", "Z", "😀", "Ｆ",
      "日本", "a b", "_");

  private final Random random;
  private final List<Path> images;

  private SyntheticWorkspace(long seed, List<Path> images) {
    this.random = new Random(seed);
    this.images = images;
  }

  /**
   * Writes a workspace named {@code synthetic} with {@code count} assets into the new folder
   * {@code root}; image assets reuse the picture files {@code images} (PNG or JPEG).
   */
  public static Path write(Path root, int count, long seed, List<Path> images) {
    try {
      Workspace.init(root, "synthetic");
      new SyntheticWorkspace(seed, images).writeAssets(root, count);
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeAssets(Path root, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      String name = NAMES.get(random.nextInt(NAMES.size())) + "-" + String.format(Locale.ROOT, "%03d", i);
      String folder = "assets/" + CATEGORIES.get(random.nextInt(CATEGORIES.size())) + "/" + name;
      String declaration = switch (i % 4) {
        case 0 -> blob(root, folder, name);
        case 1 -> text(root, folder, name);
        case 2 -> json(root, folder, name);
        default -> image(root, folder, name);
      };
      write(root.resolve(folder).resolve("asset.json"), declaration.getBytes(StandardCharsets.UTF_8));
      RegistryRecord record = new RegistryRecord.Bound(AssetId.random(random), folder);
      write(root.resolve(RegistryRecord.pathOf(record.id())), record.toJson());
    }
  }

  private String blob(Path root, String folder, String name) throws IOException {
    // Log-normal sizes around 2 KiB, capped at 256 KiB: a few large entries among many small ones.
    int size = (int) Math.min(256 << 10, Math.exp(Math.log(2048) + 1.5 * random.nextGaussian()));
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    String input = name + ".bin";
    write(root.resolve(folder).resolve(input), bytes);
    return declaration(name, "blob", input, "{}");
  }

  private String text(Path root, String folder, String name) throws IOException {
    StringBuilder text = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "");
    int lines = 1 + random.nextInt(40);
    for (int line = 0; line < lines; line++) {
      text.append(NAMES.get(random.nextInt(NAMES.size()))).append(' ').append(random.nextLong())
          .append(random.nextBoolean() ? "\r\n" : "\n");
    }
    String input = "Ünïcode-" + name + ".txt";
    write(root.resolve(folder).resolve(input), text.toString().getBytes(StandardCharsets.UTF_8));
    return declaration(name, "text", input, "{}");
  }

  private String json(Path root, String folder, String name) throws IOException {
    StringBuilder json = new StringBuilder("{\n");
    List<String> keys = JSON_KEYS.subList(0, 2 + random.nextInt(JSON_KEYS.size() - 2));
    for (int k = 0; k < keys.size(); k++) {
      String value = switch (random.nextInt(4)) {
        case 0 -> Double.toString(random.nextGaussian() * 1e6);
        case 1 -> Long.toString(random.nextLong());
        case 2 -> "\"" + NAMES.get(random.nextInt(NAMES.size())) + "\"";
        default -> "[1.5e-7, -0.0, 3.14159, 1e21, true, null]";
      };
      // Keys written in the order of the list, which is not sorted: the output must sort them.
      json.append("  \"").append(keys.get(k)).append("\": ").append(value)
          .append(k < keys.size() - 1 ? ",\n" : "\n");
    }
    String input = "İ-" + name + ".json";
    write(root.resolve(folder).resolve(input), json.append("}\n").toString().getBytes(StandardCharsets.UTF_8));
    return declaration(name, "json", input, "{}");
  }

  private String image(Path root, String folder, String name) throws IOException {
    Path picture = images.get(random.nextInt(images.size()));
    String file = picture.getFileName().toString();
    String input = name + file.substring(file.lastIndexOf('.'));
    write(root.resolve(folder).resolve(input), Files.readAllBytes(picture));
    String params = switch (random.nextInt(4)) {
      case 0 -> "{}";
      case 1 -> "{\"format\": \"rgb8\"}";
      case 2 -> "{\"format\": \"gray8\"}";
      default -> "{\"format\": \"rgba8\", \"premultiplied\": true}";
    };
    return declaration(name, "image", input, params);
  }

  private static String declaration(String name, String type, String input, String params) {
    return "{\n  \"name\": \"" + name + "\",\n  \"type\": \"" + type + "\",\n  \"inputs\": [\"" + input
        + "\"],\n  \"params\": " + params + "\n}\n";
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }
}
