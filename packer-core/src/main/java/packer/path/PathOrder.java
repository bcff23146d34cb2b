package packer.path;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The one canonical order of paths and names: their UTF-8 bytes compared unsigned.
 *
 * <p>Never {@code String.compareTo} (UTF-16 units), a {@code Collator} or the default locale.
 */
public final class PathOrder {

  public static final Comparator<String> COMPARATOR = PathOrder::compare;

  private PathOrder() {}

  public static int compare(String a, String b) {
    if (isAscii(a) && isAscii(b)) {
      return a.compareTo(b); // For ASCII, UTF-16 order and UTF-8 byte order agree.
    }
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
