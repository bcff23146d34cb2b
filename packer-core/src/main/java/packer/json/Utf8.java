package packer.json;

import java.util.HexFormat;
import java.util.Locale;

/**
 * Strict UTF-8 checks (Unicode's well-formed byte sequences: no overlong forms, no encoded
 * surrogates, nothing above U+10FFFF) and positions in text as people count them.
 *
 * <p>Lines end at {@code \n}, {@code \r\n} or a lone {@code \r}; columns count code points from 1;
 * a byte order mark at the start of the file is not counted.
 */
public final class Utf8 {

  private Utf8() {}

  /** The offset of the first byte of the first ill-formed sequence, or -1 when all is well. */
  public static int firstMalformed(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int length;
      int low = 0x80;
      int high = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
      } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        if (b == 0xE0) {
          low = 0xA0; // Shorter forms are overlong.
        } else if (b == 0xED) {
          high = 0x9F; // ED A0..BF would encode a UTF-16 surrogate.
        }
      } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        if (b == 0xF0) {
          low = 0x90;
        } else if (b == 0xF4) {
          high = 0x8F; // Beyond U+10FFFF.
        }
      } else {
        return i;
      }
      if (i + length > n) {
        return i;
      }
      int second = bytes[i + 1] & 0xFF;
      if (second < low || second > high) {
        return i;
      }
      for (int k = 2; k < length; k++) {
        int next = bytes[i + k] & 0xFF;
        if (next < 0x80 || next > 0xBF) {
          return i;
        }
      }
      i += length;
    }
    return -1;
  }

  public static boolean startsWithBom(byte[] bytes) {
    return bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
  }

  /**
   * The message for a malformed sequence at {@code offset}, with its bytes and a hint at the
   * encoding the file probably has.
   */
  public static String describeMalformed(byte[] bytes, int offset) {
    int end = Math.min(bytes.length, offset + 4);
    StringBuilder shown = new StringBuilder();
    for (int i = offset; i < end; i++) {
      shown.append(i == offset ? "" : " ").append("0x")
          .append(HexFormat.of().withUpperCase().toHexDigits(bytes[i]));
    }
    String where = String.format(Locale.ROOT, "not valid UTF-8 at byte %d (bytes %s%s)",
        offset, shown, end < bytes.length ? " ..." : "");
    if (offset == 0 && bytes.length >= 2
        && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
            || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
      return where + "; the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8";
    }
    if (endsInsideASequence(bytes, offset)) {
      return where + "; the file ends inside a character, so it was probably cut short: save it again as UTF-8";
    }
    return where + "; save the file as UTF-8 (it may be Windows-1252 or Latin-1)";
  }

  private static boolean endsInsideASequence(byte[] bytes, int offset) {
    int lead = bytes[offset] & 0xFF;
    int length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xC2 && lead <= 0xDF ? 2 : 0;
    if (length == 0 || offset + length <= bytes.length) {
      return false;
    }
    for (int i = offset + 1; i < bytes.length; i++) {
      if ((bytes[i] & 0xC0) != 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The 1-based line of the byte at {@code offset}. */
  public static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
        line++;
      }
    }
    return line;
  }

  /**
   * The 1-based column, in code points, of the byte at {@code offset}; the bytes before it must be
   * well-formed UTF-8.
   */
  public static int columnAt(byte[] bytes, int offset) {
    int start = lineStartBefore(bytes, offset);
    return 1 + codePoints(bytes, start, offset);
  }

  /**
   * The column in code points of a position given as a line and a 1-based column counted in bytes
   * (as Jackson counts them in byte input), so messages match what an editor shows.
   */
  public static int columnFromByteColumn(byte[] bytes, int line, int byteColumn) {
    int start = lineStart(bytes, line);
    int offset = (int) Math.min(bytes.length, (long) start + Math.max(0, byteColumn - 1));
    if (line == 1 && startsWithBom(bytes)) {
      start = Math.min(3, offset);
    }
    return 1 + codePoints(bytes, start, offset);
  }

  private static int lineStart(byte[] bytes, int line) {
    int current = 1;
    int i = 0;
    while (current < line && i < bytes.length) {
      if (bytes[i] == '\n') {
        current++;
      } else if (bytes[i] == '\r') {
        if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
          i++;
        }
        current++;
      }
      i++;
    }
    return i;
  }

  private static int lineStartBefore(byte[] bytes, int offset) {
    int i = Math.min(offset, bytes.length);
    while (i > 0 && bytes[i - 1] != '\n' && bytes[i - 1] != '\r') {
      i--;
    }
    return i == 0 && startsWithBom(bytes) && offset >= 3 ? 3 : i;
  }

  /** Code points in {@code [from, to)}: every byte that does not continue a sequence starts one. */
  private static int codePoints(byte[] bytes, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if ((bytes[i] & 0xC0) != 0x80) {
        count++;
      }
    }
    return count;
  }
}
