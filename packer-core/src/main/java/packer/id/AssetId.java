package packer.id;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The stable identity of an asset: a 64-bit random value written as 16 lowercase hex digits.
 *
 * <p>Assigned once by the registry, never derived from a name, path or content, never reused.
 * Ids order as unsigned numbers, which is also the order of their hex form.
 */
public record AssetId(long value) implements Comparable<AssetId> {

  public static final int HEX_DIGITS = 16;

  /** Parses exactly 16 lowercase hex digits. */
  public static AssetId parse(String text) {
    if (!isWellFormed(text)) {
      throw new IllegalArgumentException(
          "not an asset id: '" + text + "' (expected 16 lowercase hex digits)");
    }
    return new AssetId(Long.parseUnsignedLong(text, 16));
  }

  public static boolean isWellFormed(String text) {
    if (text == null || text.length() != HEX_DIGITS) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  public static AssetId random(RandomGenerator random) {
    return new AssetId(random.nextLong());
  }

  public String hex() {
    return HexFormat.of().toHexDigits(value);
  }

  /** The two-digit shard folder of this id's registry record, as git shards its objects. */
  public String shard() {
    return hex().substring(0, 2);
  }

  @Override
  public int compareTo(AssetId other) {
    return Long.compareUnsigned(value, other.value);
  }

  @Override
  public String toString() {
    return hex();
  }
}
