package packer.pack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where a {@link PackWriter} takes an entry's stored bytes from, when it writes them. Only the
 * size is needed up front; the bytes are read at write time, so a writer holds references, not
 * data.
 */
public abstract class StoredBytes {

  private static final int FILE_CHUNK = 1 << 20;

  private StoredBytes() {}

  /** The number of stored bytes. */
  public abstract long size();

  /** Hands the bytes, in order, to {@code sink}; may be called more than once. */
  abstract void writeTo(Sink sink) throws IOException;

  /**
   * The CRC-32C of the bytes when it was given with {@link #withCrc32c}: then a writer does not
   * read them for the pack's checksum before it writes them.
   */
  public OptionalInt crc32c() {
    return OptionalInt.empty();
  }

  /**
   * These bytes, whose CRC-32C is known (e.g. computed while they were hashed, or recorded when
   * they were last written): a {@link PackWriter} then makes the pack's checksum without reading
   * them first, and checks the CRC-32C as it writes them. If they no longer match it, the write
   * fails with an {@link EntryChangedException}.
   */
  public StoredBytes withCrc32c(int crc32c) {
    return new Decorated(this, OptionalInt.of(crc32c), () -> {});
  }

  /** Receives stored bytes. */
  interface Sink {
    void accept(ByteBuffer bytes) throws IOException;
  }

  /**
   * The remaining bytes of {@code buffer}, not copied: the buffer's content must not change
   * until the pack is written. Its position is left alone.
   */
  public static StoredBytes of(ByteBuffer buffer) {
    ByteBuffer view = buffer.slice().asReadOnlyBuffer();
    return new StoredBytes() {
      @Override
      public long size() {
        return view.capacity();
      }

      @Override
      void writeTo(Sink sink) throws IOException {
        sink.accept(view.duplicate());
      }
    };
  }

  /** The bytes of the array, not copied: it must not change until the pack is written. */
  public static StoredBytes of(byte[] bytes) {
    return of(ByteBuffer.wrap(bytes));
  }

  /**
   * {@code length} bytes of {@code file} from {@code offset}, read when the pack is written, e.g.
   * a processed output in the build cache. Writing fails if the file is then too short.
   */
  public static StoredBytes ofFile(Path file, long offset, long length) {
    Objects.requireNonNull(file, "file");
    if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
      throw new IllegalArgumentException("bad range " + offset + "+" + length + " of " + file);
    }
    return new StoredBytes() {
      @Override
      public long size() {
        return length;
      }

      @Override
      void writeTo(Sink sink) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
          ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(FILE_CHUNK, length));
          for (long done = 0; done < length; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), length - done));
            int n = channel.read(buffer, offset + done);
            if (n < 0) {
              throw new IOException(
                  file + " ends before byte " + (offset + length) + " of its stored entry");
            }
            buffer.flip();
            sink.accept(buffer);
            done += n;
          }
        }
      }
    };
  }

  /** Runs after stored bytes were handed over; fails the write by throwing. */
  @FunctionalInterface
  public interface Check {
    void run() throws IOException;
  }

  /**
   * These bytes, then {@code check} each time they have been handed over: e.g. to make sure the
   * file they were read from did not change meanwhile. A failed check fails the pack's write, so
   * an atomic write leaves the old pack in place.
   */
  public StoredBytes followedBy(Check check) {
    Objects.requireNonNull(check, "check");
    return new Decorated(this, crc32c(), check);
  }

  /** Other bytes with a CRC-32C, and a check run each time they have been handed over. */
  private static final class Decorated extends StoredBytes {
    private final StoredBytes bytes;
    private final OptionalInt crc32c;
    private final Check check;

    Decorated(StoredBytes bytes, OptionalInt crc32c, Check check) {
      this.bytes = bytes;
      this.crc32c = crc32c;
      this.check = check;
    }

    @Override
    public long size() {
      return bytes.size();
    }

    @Override
    void writeTo(Sink sink) throws IOException {
      bytes.writeTo(sink);
      check.run();
    }

    @Override
    public OptionalInt crc32c() {
      return crc32c;
    }
  }

  /**
   * The stored bytes of {@code entry} of an open pack, copied as they are (compressed or not,
   * never decoded): how a rebuild carries over unchanged entries. The source pack must stay open
   * until the new pack is written.
   */
  public static StoredBytes copyOf(Pack pack, PackEntry entry) {
    Objects.requireNonNull(pack, "pack");
    pack.openStream(entry); // fails now, not at write time, for a foreign entry or closed pack
    return new StoredBytes() {
      @Override
      public long size() {
        return entry.storedSize();
      }

      @Override
      void writeTo(Sink sink) throws IOException {
        if (entry.storedSize() <= Integer.MAX_VALUE) {
          sink.accept(pack.data(entry));
          return;
        }
        try (var in = pack.openStream(entry)) {
          byte[] chunk = new byte[FILE_CHUNK];
          for (int n; (n = in.read(chunk)) != -1; ) {
            sink.accept(ByteBuffer.wrap(chunk, 0, n));
          }
        }
      }
    };
  }
}
