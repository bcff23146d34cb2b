package packer.cli.demo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The demo's data: a level and its navigation mesh, a config, text and a bitmap font. */
final class DemoData {

  /** Level 01, one character a tile: '#' wall, '.' grass, '~' water, 'D' door. */
  private static final String[] LEVEL_TILES = {
      "################",
      "#..............#",
      "#..~~~.........#",
      "#..~~~.........#",
      "#..............#",
      "#.....####.....#",
      "#.....#..#.....#",
      "#.....#.D#.....#",
      "#..............#",
      "#..............#",
      "#..............#",
      "################",
  };

  /** Digits 0-9 and ':' in 5x7 pixels; one byte a row, the leftmost pixel in bit 4. */
  private static final int[][] GLYPHS = {
      {0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e}, // 0
      {0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e}, // 1
      {0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f}, // 2
      {0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e}, // 3
      {0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02}, // 4
      {0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e}, // 5
      {0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e}, // 6
      {0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}, // 7
      {0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e}, // 8
      {0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c}, // 9
      {0x00, 0x0c, 0x0c, 0x00, 0x0c, 0x0c, 0x00}, // :
  };

  private DemoData() {}

  static byte[] level() {
    StringBuilder json = new StringBuilder();
    json.append("{\n");
    json.append("  \"title\": \"Première prairie\",\n");
    json.append("  \"size\": { \"width\": 16, \"height\": 12 },\n");
    json.append("  \"tileset\": \"grass\",\n");
    json.append("  \"music\": \"BossTheme\",\n");
    json.append("  \"navmesh\": \"level-01-navmesh\",\n");
    json.append("  \"legend\": { \"#\": \"wall\", \".\": \"grass\", \"~\": \"water\", \"D\": \"door\" },\n");
    json.append("  \"tiles\": [\n");
    for (int row = 0; row < LEVEL_TILES.length; row++) {
      json.append("    \"").append(LEVEL_TILES[row]).append('"')
          .append(row < LEVEL_TILES.length - 1 ? ",\n" : "\n");
    }
    json.append("  ],\n");
    json.append("""
          "entities": [
            { "kind": "spawn", "x": 2, "y": 9, "sprite": "hero" },
            { "kind": "slime", "x": 10, "y": 3, "patrol": [[10, 3], [13, 3]], "hitSound": "hit" },
            { "kind": "slime", "x": 3, "y": 7, "patrol": [[3, 7], [3, 10]], "hitSound": "hit" },
            { "kind": "coin", "x": 12, "y": 9, "value": 10 },
            { "kind": "coin", "x": 8, "y": 6, "value": 50 },
            { "kind": "exit", "x": 8, "y": 7, "to": "level-02" }
          ],
          "dialogue": "dialogue",
          "timeLimitSeconds": 180,
          "gravity": -9.81
        }
        """);
    return utf8(json.toString());
  }

  /**
   * A navigation mesh for level 01, little-endian: "NAVM", u16 version 1, u16 reserved, u32
   * vertex count, u32 triangle count, f32 tile size; then x, y, z as f32 per vertex (the corners
   * of the tiles inside the walls, on a gentle height field); then three u16 vertex indices per
   * triangle, two triangles for each walkable tile.
   */
  static byte[] navmesh() {
    int columns = LEVEL_TILES[0].length() - 2;
    int rows = LEVEL_TILES.length - 2;
    int across = columns + 1;
    int vertices = across * (rows + 1);
    int triangles = 0;
    for (int z = 0; z < rows; z++) {
      for (int x = 0; x < columns; x++) {
        triangles += walkable(x, z) ? 2 : 0;
      }
    }
    ByteBuffer out = ByteBuffer.allocate(20 + vertices * 12 + triangles * 6).order(ByteOrder.LITTLE_ENDIAN);
    out.put("NAVM".getBytes(StandardCharsets.US_ASCII));
    out.putShort((short) 1).putShort((short) 0).putInt(vertices).putInt(triangles).putFloat(1.0f);
    for (int z = 0; z <= rows; z++) {
      for (int x = 0; x <= columns; x++) {
        double height = 0.25 * StrictMath.sin(x * 0.5) * StrictMath.cos(z * 0.4);
        out.putFloat(x + 1).putFloat((float) height).putFloat(z + 1);
      }
    }
    for (int z = 0; z < rows; z++) {
      for (int x = 0; x < columns; x++) {
        if (walkable(x, z)) {
          int corner = z * across + x;
          out.putShort((short) corner).putShort((short) (corner + across)).putShort((short) (corner + 1));
          out.putShort((short) (corner + 1)).putShort((short) (corner + across))
              .putShort((short) (corner + across + 1));
        }
      }
    }
    return out.array();
  }

  private static boolean walkable(int insideX, int insideZ) {
    char tile = LEVEL_TILES[insideZ + 1].charAt(insideX + 1);
    return tile == '.' || tile == 'D';
  }

  static byte[] config() {
    return utf8("""
        {
          "$comment": "Game settings read at start-up",
          "window": { "title": "Packer Demo", "width": 640, "height": 360, "scale": 2, "vsync": true },
          "audio": { "master": 0.8, "music": 0.6, "sfx": 1.0 },
          "locales": ["en", "fr", "de", "ja"],
          "startLevel": "level-01",
          "palette": "dusk",
          "hud": { "font": "score-digits", "button": "button", "menu": "Café-Menü" },
          "controls": {
            "left": ["A", "Left"],
            "right": ["D", "Right"],
            "jump": ["Space", "W", "Up"],
            "pause": ["Escape", "P"]
          }
        }
        """);
  }

  /** Dialogue lines as {@code speaker|locale|text}; UTF-8 with accents, ß, Japanese and an emoji. */
  static byte[] dialogue() {
    return utf8("""
        # Level 01 dialogue: speaker|locale|text
        hero|en|Where am I? This meadow looks strange.
        hero|fr|Où suis-je ? Cette prairie a l'air étrange.
        hero|de|Wo bin ich? Diese Wiese sieht seltsam aus.
        hero|ja|ここはどこ？この草原は何か変だ。
        guide|en|Welcome, traveller! Mind the slimes by the pond.
        guide|fr|Bienvenue, voyageur ! Méfie-toi des slimes près de l'étang.
        guide|de|Willkommen, Reisender! Die Straße zum Tor ist gefährlich. Grüße an Jörg!
        guide|ja|ようこそ！日本語も話せますよ。池のスライムに気をつけて。
        slime|en|Blub! 🍄
        """);
  }

  /**
   * Credits, saved the way Windows Notepad saves: a UTF-8 byte order mark and CRLF line
   * endings, so the text type has something to normalize.
   */
  static byte[] credits() {
    String text = """
        Packer demo — credits
        =====================

        Everything in this workspace is computed by DemoAssets
        (packer-cli/src/test/java/packer/cli/demo/): pixels, tones, noise,
        levels and text. Nothing was drawn or recorded by hand.

        Art ........ hero, grass, button, Café-Menü (dusk palette, 16 colours)
        Sound ...... jump, hit, BossTheme
        Level ...... level-01 and its navigation mesh
        Font ....... score-digits, 5×7 pixels

        This file has a byte order mark and CRLF line endings on purpose.
        """;
    return utf8("\uFEFF" + text.replace("\n", "\r\n"));
  }

  /**
   * A bitmap font: "PXF1", u8 glyph width, u8 glyph height, u8 first character, u8 glyph
   * count, then one byte per glyph row.
   */
  static byte[] font() {
    ByteBuffer out = ByteBuffer.allocate(8 + GLYPHS.length * 7);
    out.put("PXF1".getBytes(StandardCharsets.US_ASCII));
    out.put((byte) 5).put((byte) 7).put((byte) '0').put((byte) GLYPHS.length);
    for (int[] glyph : GLYPHS) {
      for (int row : glyph) {
        out.put((byte) row);
      }
    }
    return out.array();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
