package packer.pack;

import java.nio.ByteBuffer;

/** A pack held in memory: slices are views of the caller's buffer. */
final class BufferSource implements ByteSource {

  private final ByteBuffer bytes;

  BufferSource(ByteBuffer bytes) {
    this.bytes = bytes.slice().asReadOnlyBuffer();
  }

  @Override
  public long size() {
    return bytes.capacity();
  }

  @Override
  public ByteBuffer slice(long offset, int length) {
    return bytes.slice((int) offset, length);
  }

  @Override
  public void close() {}
}
