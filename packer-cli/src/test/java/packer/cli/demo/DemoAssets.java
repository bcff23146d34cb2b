package packer.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes the input files of the example workspace {@code examples/demo}: pixels, tones, noise,
 * levels and text are computed here, so the example is made by this project and can be checked
 * against it. The output is the same bytes on every run and every machine: no clock, no unseeded
 * randomness, {@link StrictMath} for every transcendental function, and PNGs stored without
 * deflate compression so the bytes do not depend on the zlib the JDK was built with.
 *
 * <p>Run it with the JDK alone (no classpath needed):
 *
 * <pre>
 * javac --release 17 -encoding UTF-8 -d /tmp/demo-classes -sourcepath packer-cli/src/test/java \
 *     packer-cli/src/test/java/packer/cli/demo/DemoAssets.java
 * java -cp /tmp/demo-classes packer.cli.demo.DemoAssets OUT_DIR
 * </pre>
 *
 * It writes {@code OUT_DIR/<folder>/<file>} for every entry of {@link #catalog()};
 * {@code examples/make-demo.sh} then registers each one with {@code packer new}.
 */
public final class DemoAssets {

  /**
   * One asset of the demo.
   *
   * @param folder the asset folder, relative to the workspace
   * @param name the asset name (the folder's last segment unless given with {@code --name})
   * @param file the single input file's name inside the folder
   */
  public record DemoAsset(
      String folder, String name, String type, List<String> tags, String file, byte[] bytes) {

    public DemoAsset {
      tags = List.copyOf(tags);
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** Where the input goes under an output folder (or a workspace). */
    public Path inputIn(Path base) {
      return base.resolve(folder).resolve(file);
    }
  }

  private DemoAssets() {}

  /** Every asset of the demo, in the order make-demo.sh registers them. */
  public static List<DemoAsset> catalog() {
    return List.of(
        new DemoAsset("assets/sprites/hero", "hero", "image", List.of("character", "sprite"),
            "hero.png", DemoImages.hero()),
        new DemoAsset("assets/tiles/grass", "grass", "image", List.of("level", "tile"),
            "grass.png", DemoImages.grass()),
        new DemoAsset("assets/ui/button", "button", "image", List.of("ui"),
            "button.png", DemoImages.button()),
        new DemoAsset("assets/ui/menü", "Café-Menü", "image", List.of("photo", "ui"),
            "café-menü.jpg", DemoImages.cafeMenu()),
        new DemoAsset("assets/audio/jump", "jump", "blob", List.of("audio", "sfx"),
            "jump.wav", DemoSounds.jump()),
        new DemoAsset("assets/audio/hit", "hit", "blob", List.of("audio", "sfx"),
            "hit.wav", DemoSounds.hit()),
        new DemoAsset("assets/music/BossTheme", "BossTheme", "blob", List.of("audio", "music"),
            "boss-theme.wav", DemoSounds.bossTheme()),
        new DemoAsset("assets/levels/level-01", "level-01", "json", List.of("level"),
            "level-01.json", DemoData.level()),
        new DemoAsset("assets/levels/level-01-navmesh", "level-01-navmesh", "blob", List.of("ai", "level"),
            "level-01.navmesh", DemoData.navmesh()),
        new DemoAsset("assets/config/game", "game", "json", List.of("config"),
            "game.json", DemoData.config()),
        new DemoAsset("assets/text/dialogue", "dialogue", "text", List.of("localization", "text"),
            "dialogue.txt", DemoData.dialogue()),
        new DemoAsset("assets/text/credits", "credits", "text", List.of("text"),
            "credits.txt", DemoData.credits()),
        new DemoAsset("assets/fonts/score-digits", "score-digits", "blob", List.of("font", "ui"),
            "score-digits.fnt", DemoData.font()),
        new DemoAsset("assets/palettes/dusk", "dusk", "blob", List.of("art"),
            "dusk.pal", DemoImages.paletteFile()));
  }

  /** Writes every input file under {@code out}, replacing files of the same name. */
  public static void write(Path out) throws IOException {
    for (DemoAsset asset : catalog()) {
      Path file = asset.inputIn(out);
      Files.createDirectories(file.getParent());
      Files.write(file, asset.bytes());
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: DemoAssets OUT_DIR");
      System.exit(2);
    }
    write(Path.of(args[0]));
  }
}
