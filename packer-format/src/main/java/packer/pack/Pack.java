package packer.pack;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A pack file opened for reading: the part of packer a game embeds. JDK only.
 *
 * <pre>{@code
 * try (Pack pack = Pack.open(Path.of("game.pack"))) {
 *   PackEntry hero = pack.findByName("hero").orElseThrow();
 *   ByteBuffer pixels = pack.data(hero); // a view of the mapped file, nothing copied
 * }
 * }</pre>
 *
 * <p><b>What open checks.</b> {@link #open} maps the file read-only and validates all of its
 * structure before returning: magic, version, the header checksum, every section offset and
 * size against the file's real size, the metadata checksum (index, name index and string
 * table), and every entry (ids strictly increasing, strings inside the table and well-formed
 * UTF-8, data aligned, inside the file and not overlapping, names unique and sorted). That work
 * is proportional to the metadata, which open must read anyway. The data itself is not read at
 * open: hashing a multi-gigabyte pack would touch every page and defeat mapping. Its checksum
 * and the content hashes are checked on demand by {@link #verify()}. So after a successful open
 * every lookup and view is safe; the bytes inside an entry are trusted until verified.
 *
 * <p>Any damage found gives a {@link PackFormatException} naming the offset; never an index
 * exception, an allocation larger than the file, or a hang.
 *
 * <p>A pack is immutable and safe to use from many threads. Views handed out by {@link #data}
 * stay valid after {@link #close()} until they are garbage collected (Java 17 cannot unmap a
 * file). Replace a pack by renaming a new file over it, never by rewriting it in place while it
 * is open.
 */
public final class Pack implements Closeable {

  private final String sourceName;
  private final ByteSource source;
  private final Header header;
  private final PackEntry[] byId;
  private final int[] byName;
  private final List<PackEntry> entries;
  private volatile boolean closed;

  private Pack(String sourceName, ByteSource source) throws IOException {
    this.sourceName = sourceName;
    this.source = source;
    this.header = Header.read(source, sourceName);
    Index index = Index.read(source, header, sourceName);
    this.byId = index.byId();
    this.byName = index.byName();
    this.entries = Collections.unmodifiableList(Arrays.asList(byId));
  }

  /**
   * Opens and validates the pack at {@code file}, mapping it read-only.
   *
   * @throws PackFormatException if the file is not a pack this reader can read, or is damaged
   * @throws IOException if the file cannot be read
   */
  public static Pack open(Path file) throws IOException {
    return open(file, MappedFile.DEFAULT_WINDOW);
  }

  /** As {@link #open(Path)}, with mapping windows of {@code windowSize} bytes (for tests). */
  static Pack open(Path file, int windowSize) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new Pack(file.toString(), new MappedFile(channel, windowSize));
    } catch (IOException | RuntimeException | Error e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Reads a pack held in memory (from position to limit), e.g. one a platform hands over as a
   * buffer. {@link #data} returns views of that buffer; do not change it while in use.
   */
  public static Pack wrap(ByteBuffer bytes) throws PackFormatException {
    try {
      return new Pack("<memory>", new BufferSource(bytes));
    } catch (PackFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new AssertionError("a buffer has no I/O to fail", e);
    }
  }

  /** The format's major version; always 1 for this reader. */
  public int majorVersion() {
    return header.majorVersion();
  }

  /** The format's minor version; may be newer than this reader's 0 (see docs/pack-format.md). */
  public int minorVersion() {
    return header.minorVersion();
  }

  /** The power of two every entry's data offset is a multiple of. */
  public int alignment() {
    return header.alignment();
  }

  /** The length of the pack file in bytes. */
  public long size() {
    return header.fileSize();
  }

  /** All entries, sorted by id (unsigned). */
  public List<PackEntry> entries() {
    return entries;
  }

  /** The entry with {@code id}, by binary search. */
  public Optional<PackEntry> find(long id) {
    int low = 0;
    int high = byId.length - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int order = Long.compareUnsigned(byId[middle].id(), id);
      if (order < 0) {
        low = middle + 1;
      } else if (order > 0) {
        high = middle - 1;
      } else {
        return Optional.of(byId[middle]);
      }
    }
    return Optional.empty();
  }

  /** The entry named exactly {@code name} (no normalization), by binary search. */
  public Optional<PackEntry> findByName(String name) {
    int low = 0;
    int high = byName.length - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      PackEntry entry = byId[byName[middle]];
      int order = Utf8.compare(entry.name(), name);
      if (order < 0) {
        low = middle + 1;
      } else if (order > 0) {
        high = middle - 1;
      } else {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /**
   * The stored bytes of {@code entry} as a read-only view of the mapped file (a direct buffer;
   * nothing is copied). Position 0, limit the stored size, byte order big-endian as for any new
   * buffer: set the order your data needs.
   *
   * @throws IllegalArgumentException if the entry comes from another pack
   * @throws UnsupportedOperationException if the entry is larger than a buffer can be (2 GiB);
   *     use {@link #openStream}
   * @throws IllegalStateException if the pack is closed
   */
  public ByteBuffer data(PackEntry entry) {
    checkReadable(entry);
    if (entry.storedSize() > Integer.MAX_VALUE) {
      throw new UnsupportedOperationException(
          "entry " + entry.idHex() + " has " + entry.storedSize()
              + " bytes, more than one buffer holds: use openStream");
    }
    try {
      return source.slice(entry.dataOffset(), (int) entry.storedSize());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stored bytes of {@code entry} as a stream over the mapped file; any size. */
  public InputStream openStream(PackEntry entry) {
    checkReadable(entry);
    return new EntryInputStream(source, entry.dataOffset(), entry.storedSize());
  }

  /**
   * Checks the whole pack: the header and metadata checksums again (the file may have changed
   * since it was opened), then in one pass over the data every padding byte (must be zero), the
   * content hash of every uncompressed entry, and the checksum of everything after the header.
   * Compressed entries' content hashes need a codec: see {@link #verify(EntryDecoder)}.
   *
   * @throws PackFormatException for the first problem in file order, naming the entry and its
   *     offset when an entry is bad
   */
  public void verify() throws PackFormatException {
    verify((entry, stored) -> null);
  }

  /** As {@link #verify()}, also checking compressed entries that {@code decoder} decodes. */
  public void verify(EntryDecoder decoder) throws PackFormatException {
    checkOpen();
    try {
      new PackVerifier(source, header, byId, sourceName, this::openStream).verify(decoder);
    } catch (PackFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the file. Views already handed out stay readable (see the class comment). */
  @Override
  public void close() throws IOException {
    closed = true;
    source.close();
  }

  private void checkReadable(PackEntry entry) {
    checkOpen();
    int position = entry.position();
    if (position >= byId.length || byId[position] != entry) {
      throw new IllegalArgumentException("entry " + entry.idHex() + " is not from this pack");
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(sourceName + " is closed");
    }
  }

  @Override
  public String toString() {
    return "Pack[" + sourceName + ", " + byId.length + " entries]";
  }
}
