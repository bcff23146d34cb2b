package packer.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/** The stored bytes of one entry, read from views of the pack in chunks, never copied whole. */
final class EntryInputStream extends InputStream {

  /** Chunks stay well under one mapping window, so a chunk rarely needs a mapping of its own. */
  static final int CHUNK = 1 << 28;

  private final ByteSource source;
  private final int chunk;
  private long next;
  private final long end;
  private ByteBuffer current = ByteBuffer.allocate(0);

  EntryInputStream(ByteSource source, long offset, long length) {
    this(source, offset, length, CHUNK);
  }

  EntryInputStream(ByteSource source, long offset, long length, int chunk) {
    this.source = source;
    this.chunk = chunk;
    this.next = offset;
    this.end = offset + length;
  }

  private boolean fill() throws IOException {
    if (current.hasRemaining()) {
      return true;
    }
    if (next == end) {
      return false;
    }
    int length = (int) Math.min(chunk, end - next);
    current = source.slice(next, length);
    next += length;
    return true;
  }

  @Override
  public int read() throws IOException {
    return fill() ? Byte.toUnsignedInt(current.get()) : -1;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(length, current.remaining());
    current.get(buffer, offset, n);
    return n;
  }

  @Override
  public long skip(long n) {
    if (n <= 0) {
      return 0;
    }
    long inCurrent = Math.min(n, current.remaining());
    current.position(current.position() + (int) inCurrent);
    long further = Math.min(n - inCurrent, end - next);
    next += further;
    return inCurrent + further;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, current.remaining() + (end - next));
  }
}
