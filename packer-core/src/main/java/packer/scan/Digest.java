package packer.scan;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A SHA-256 digest held as four longs: 48 bytes of heap where its hex {@code String} takes 104,
 * which matters once per asset in every snapshot.
 */
public record Digest(long a, long b, long c, long d) {

  public static final int BYTES = 32;

  // equals and hashCode are written out: a record's generated ones link through
  // java.lang.runtime.ObjectMethods on first use, which costs every short command milliseconds.
  @Override
  public boolean equals(Object other) {
    return other instanceof Digest that && a == that.a && b == that.b && c == that.c && d == that.d;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(a ^ b ^ c ^ d);
  }

  /** The SHA-256 of {@code bytes}. */
  public static Digest sha256(byte[] bytes) {
    return of(Sha256.newDigest().digest(bytes));
  }

  /** The digest whose 32 bytes are {@code raw}. */
  public static Digest of(byte[] raw) {
    if (raw.length != BYTES) {
      throw new IllegalArgumentException("a SHA-256 digest is 32 bytes, not " + raw.length);
    }
    ByteBuffer buffer = ByteBuffer.wrap(raw);
    return new Digest(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
  }

  /** Parses 64 hex digits, as {@link #hex()} writes them. */
  public static Digest ofHex(String hex) {
    if (hex.length() != 2 * BYTES) {
      throw new IllegalArgumentException("a SHA-256 digest is 64 hex digits: '" + hex + "'");
    }
    return of(HexFormat.of().parseHex(hex));
  }

  public byte[] bytes() {
    return ByteBuffer.allocate(BYTES).putLong(a).putLong(b).putLong(c).putLong(d).array();
  }

  /** 64 lowercase hex digits. */
  public String hex() {
    return HexFormat.of().formatHex(bytes());
  }

  public void writeTo(DataOutput out) throws IOException {
    out.writeLong(a);
    out.writeLong(b);
    out.writeLong(c);
    out.writeLong(d);
  }

  public static Digest readFrom(DataInput in) throws IOException {
    return new Digest(in.readLong(), in.readLong(), in.readLong(), in.readLong());
  }

  public static Digest readFrom(PayloadReader in) throws IOException {
    return new Digest(in.readLong(), in.readLong(), in.readLong(), in.readLong());
  }

  @Override
  public String toString() {
    return hex();
  }
}
