package packer.pack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A file mapped read-only, in windows when it is larger than one mapping can be.
 *
 * <p>One {@link MappedByteBuffer} holds at most {@link Integer#MAX_VALUE} bytes, and packs may
 * be larger. A file that fits is mapped once. A larger one is mapped lazily in windows of
 * {@code windowSize} bytes that start every {@code windowSize / 2} bytes, so any range of up to
 * half a window lies wholly inside one window and is served without a new mapping; a longer
 * range gets a mapping of its own. Windows overlap in address space only; the page cache holds
 * each page once.
 *
 * <p>Mappings outlive {@link #close()} until they are garbage collected (Java 17 cannot unmap),
 * so views already handed out stay valid. The file must not be shortened while mapped (reading
 * a vanished page kills the read with an {@link InternalError}): packs are replaced by rename,
 * never rewritten in place.
 */
final class MappedFile implements ByteSource {

  static final int DEFAULT_WINDOW = Integer.MAX_VALUE - 7; // largest multiple of 8

  private final FileChannel channel;
  private final long size;
  private final int windowSize;
  private final long stride;
  private final AtomicReferenceArray<ByteBuffer> windows;

  MappedFile(FileChannel channel, int windowSize) throws IOException {
    if (windowSize < 2) {
      throw new IllegalArgumentException("window size must be at least 2: " + windowSize);
    }
    this.channel = channel;
    this.size = channel.size();
    this.windowSize = windowSize;
    if (size <= windowSize) {
      this.stride = Math.max(size, 1);
      this.windows = new AtomicReferenceArray<>(1);
      windows.set(0, channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
    } else {
      this.stride = windowSize / 2;
      this.windows = new AtomicReferenceArray<>(Math.toIntExact((size + stride - 1) / stride));
    }
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public ByteBuffer slice(long offset, int length) throws IOException {
    if (length == 0) {
      return window(0).slice(0, 0);
    }
    if (length <= stride || windows.length() == 1) {
      int index = (int) (offset / stride);
      long start = index * stride;
      return window(index).slice((int) (offset - start), length);
    }
    return channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
  }

  private ByteBuffer window(int index) throws IOException {
    ByteBuffer window = windows.get(index);
    if (window == null) {
      long start = index * stride;
      long length = Math.min(windowSize, size - start);
      windows.compareAndSet(index, null, channel.map(FileChannel.MapMode.READ_ONLY, start, length));
      window = windows.get(index);
    }
    return window;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
