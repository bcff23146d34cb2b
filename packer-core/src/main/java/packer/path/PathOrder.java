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
    // Outside the surrogates, UTF-16 units order as code points, which order as UTF-8 bytes: the
    // first differing unit decides. When that unit is a surrogate in either string (of a pair, or a
    // lone one that UTF-8 encodes as '?'), the exact way through the bytes decides. A surrogate
    // before it is the same in both strings and encodes alike in both (a high one is paired or lone
    // in both, as the unit after it is no surrogate or decides); and a string that is a prefix of
    // the other comes first in UTF-8 too.
    int common = Math.min(a.length(), b.length());
    for (int i = 0; i < common; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Character.isSurrogate(x) || Character.isSurrogate(y) ? compareBytes(a, b) : x - y;
      }
    }
    return a.length() - b.length();
  }

  private static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
