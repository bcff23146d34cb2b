package packer.pack;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest: the content hash of an entry's raw bytes. Immutable. */
public final class Sha256 {

  /** Digest length in bytes. */
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private Sha256(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a 32-byte digest (copied). */
  public static Sha256 of(byte[] digest) {
    if (digest.length != LENGTH) {
      throw new IllegalArgumentException(
          "a SHA-256 digest has " + LENGTH + " bytes, not " + digest.length);
    }
    return new Sha256(digest.clone());
  }

  /** Parses 64 hex digits. */
  public static Sha256 parse(String hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException("a SHA-256 digest has 64 hex digits: '" + hex + "'");
    }
    return new Sha256(HexFormat.of().parseHex(hex));
  }

  /** The digest of the remaining bytes of {@code data}; its position is left unchanged. */
  public static Sha256 digest(ByteBuffer data) {
    MessageDigest md = newDigest();
    md.update(data.duplicate());
    return new Sha256(md.digest());
  }

  public static Sha256 digest(byte[] data) {
    return new Sha256(newDigest().digest(data));
  }

  /** A fresh SHA-256 digest, for data that comes in parts; {@link #of} takes its result. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform provides SHA-256", e);
    }
  }

  static Sha256 wrap(byte[] ownedDigest) {
    return new Sha256(ownedDigest);
  }

  /** A copy of the 32 digest bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  void putInto(ByteBuffer target) {
    target.put(bytes);
  }

  boolean matches(byte[] digest) {
    return MessageDigest.isEqual(bytes, digest);
  }

  /** 64 lowercase hex digits. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sha256 && Arrays.equals(bytes, ((Sha256) other).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
