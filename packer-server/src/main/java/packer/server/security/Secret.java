package packer.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** A 256-bit random token, compared in constant time. Its text never goes to a log. */
public final class Secret {

  private static final SecureRandom RANDOM = new SecureRandom();
  private final String text;

  private Secret(String text) {
    this.text = text;
  }

  public static Secret generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new Secret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The token as sent in URLs, headers and cookies (URL-safe base64, 43 characters). */
  public String text() {
    return text;
  }

  /** Whether {@code candidate} is this token; null never is. */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(
        text.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Secret[hidden]";
  }
}
