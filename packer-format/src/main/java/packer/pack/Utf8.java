package packer.pack;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8, and the one canonical order of names: their UTF-8 bytes compared unsigned.
 *
 * <p>For well-formed text that order is exactly the order of Unicode code points, so the reader
 * can search decoded names by code point without keeping their bytes. ({@link
 * String#compareTo} orders UTF-16 units instead and disagrees above U+FFFF.)
 */
final class Utf8 {

  private Utf8() {}

  /** The UTF-8 bytes of {@code text}; an unpaired surrogate has none and is rejected. */
  static byte[] encode(String text) throws CharacterCodingException {
    ByteBuffer bytes =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .encode(CharBuffer.wrap(text));
    byte[] result = new byte[bytes.remaining()];
    bytes.get(result);
    return result;
  }

  /** Decodes well-formed UTF-8 only: no overlong forms, encoded surrogates or stray bytes. */
  static String decode(ByteBuffer bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(bytes)
        .toString();
  }

  /** Code point order, which equals the unsigned UTF-8 byte order of well-formed strings. */
  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
