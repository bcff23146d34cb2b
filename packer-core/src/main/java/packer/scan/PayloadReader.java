package packer.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a payload of the {@link ScanCache} where it lies in the loaded file, without copying it
 * out first; the encoding is {@link java.io.DataOutputStream}'s (big-endian), strings as {@link
 * ScanCache#writeString} writes them. Reading past the payload's end throws.
 */
public final class PayloadReader {

  private final byte[] bytes;
  private int position;
  private final int end;

  PayloadReader(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.position = offset;
    this.end = offset + length;
  }

  /** Reads a whole payload, as kept in memory. */
  public static PayloadReader of(byte[] payload) {
    return new PayloadReader(payload, 0, payload.length);
  }

  public boolean atEnd() {
    return position == end;
  }

  public byte readByte() throws IOException {
    need(1);
    return bytes[position++];
  }

  public boolean readBoolean() throws IOException {
    return readByte() != 0;
  }

  public int readInt() throws IOException {
    need(Integer.BYTES);
    int value = (bytes[position] & 0xff) << 24 | (bytes[position + 1] & 0xff) << 16
        | (bytes[position + 2] & 0xff) << 8 | (bytes[position + 3] & 0xff);
    position += Integer.BYTES;
    return value;
  }

  public long readLong() throws IOException {
    long high = readInt();
    return high << 32 | (readInt() & 0xffffffffL);
  }

  public String readString() throws IOException {
    int length = readInt();
    if (length < 0) {
      throw new IOException("string runs past the end");
    }
    need(length);
    String value = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  int position() {
    return position;
  }

  void skip(int count) throws IOException {
    if (count < 0) {
      throw new IOException("payload runs past its end");
    }
    need(count);
    position += count;
  }

  private void need(int count) throws IOException {
    if (end - position < count) {
      throw new IOException("payload runs past its end");
    }
  }
}
