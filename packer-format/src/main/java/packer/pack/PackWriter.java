package packer.pack;

import static packer.pack.PackFormat.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32C;

/**
 * Writes a pack: entries are added in id order, then the whole pack is written in one go.
 *
 * <pre>{@code
 * PackWriter writer = new PackWriter(16);
 * writer.add(id, "text", "greeting", Compression.NONE, bytes.length, Sha256.digest(bytes),
 *     StoredBytes.of(bytes));
 * writer.writeAtomically(Path.of("build/game.pack"));
 * }</pre>
 *
 * <p><b>Why metadata first, data by reference.</b> The index and string table come before the
 * data in the file, and the index records every entry's offset, so the writer must know all
 * sizes before it writes the first data byte. It therefore takes each entry's metadata and the
 * <em>size</em> of its stored bytes when the entry is added, and only a reference to the bytes
 * ({@link StoredBytes}: a buffer, a file range such as a build-cache file, or an entry of an
 * older pack). At write time it lays out the pack, writes the metadata, then streams each
 * entry's bytes from its source. Memory is proportional to the metadata, not the data, and no
 * temporary copy of the data is made. (Buffering the data to a temp file instead would write
 * every byte twice.)
 *
 * <p>The header holds a checksum of everything after it, data included. On a seekable channel
 * (files) the data is streamed once and the header rewritten at the end. Written strictly in order
 * (any other channel, or to hash the file as it is written), the checksum must be known before the
 * data: it is combined from each entry's CRC-32C ({@link StoredBytes#withCrc32c}) without reading
 * the data, and only sources whose CRC-32C is not known are read twice, once for it and once to
 * write. Every entry's CRC-32C is checked as it is written, so the header never claims a checksum
 * the data does not have.
 *
 * <p><b>Deterministic.</b> The bytes depend only on the entries and the alignment: no time,
 * host, user, path or iteration order of a hash-ordered collection reaches the file. Strings are
 * stored once each, sorted by their UTF-8 bytes (unsigned); names are indexed in the same order;
 * all padding is zero.
 *
 * <p>Not thread-safe. Invalid input is an {@link IllegalArgumentException} at {@link #add}, so a
 * pack that gets written is always one the reader accepts.
 */
public final class PackWriter {

  /** Default alignment of entry data. */
  public static final int DEFAULT_ALIGNMENT = PackFormat.DEFAULT_ALIGNMENT;

  /** Largest alignment of entry data. */
  public static final int MAX_ALIGNMENT = PackFormat.MAX_ALIGNMENT;

  /** The metadata must fit one mapping of the reader, which bounds the entry count. */
  private static final int MAX_ENTRIES =
      (Integer.MAX_VALUE - HEADER_SIZE) / (ENTRY_SIZE + NAME_SLOT_SIZE);

  private static final long MAX_STRING_TABLE = 0xFFFF_FFFFL; // string offsets are u32

  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(MAX_ALIGNMENT).asReadOnlyBuffer();

  private final int alignment;
  private final List<Pending> entries = new ArrayList<>();
  // Both only answer "seen before?"; neither is ever iterated, so neither can reach the output.
  private final Map<String, byte[]> encoded = new HashMap<>();
  private final Set<String> names = new HashSet<>();
  private long stringTableSize;

  /** A writer with the default alignment of 16 bytes. */
  public PackWriter() {
    this(DEFAULT_ALIGNMENT);
  }

  /**
   * A writer that aligns each entry's data to {@code alignment} bytes: a power of two from 1 to
   * 65536 (e.g. 4096 so entries can be mapped page by page).
   */
  public PackWriter(int alignment) {
    if (!isValidAlignment(alignment)) {
      throw new IllegalArgumentException(
          "alignment must be a power of two from 1 to " + MAX_ALIGNMENT + ": " + alignment);
    }
    this.alignment = alignment;
  }

  public int alignment() {
    return alignment;
  }

  /** The number of entries added so far. */
  public int entryCount() {
    return entries.size();
  }

  /**
   * Adds an entry. Ids must increase (unsigned) from one call to the next, names must be unique.
   *
   * @param id the asset id, unsigned
   * @param type the asset type, e.g. {@code "image"}
   * @param name the asset name; any well-formed text, stored as UTF-8, matched exactly
   * @param compression how {@code stored} encodes the raw bytes
   * @param rawSize the length of the raw bytes; must equal the stored size when not compressed
   * @param contentHash SHA-256 of the raw bytes
   * @param stored the bytes to store, read when the pack is written
   * @return this writer
   * @throws IllegalArgumentException if the id is not greater than the last one, the name is
   *     taken, a string is not well-formed (unpaired surrogate), or sizes disagree
   */
  public PackWriter add(
      long id,
      String type,
      String name,
      Compression compression,
      long rawSize,
      Sha256 contentHash,
      StoredBytes stored) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(stored, "stored");
    String idHex = HexFormat.of().toHexDigits(id);
    if (!entries.isEmpty()) {
      long last = entries.get(entries.size() - 1).id;
      if (Long.compareUnsigned(id, last) <= 0) {
        throw new IllegalArgumentException(
            "entries must be added in increasing id order: "
                + idHex
                + (id == last ? " was already added" : " comes after " + HexFormat.of().toHexDigits(last)));
      }
    }
    if (names.contains(name)) {
      throw new IllegalArgumentException("entry " + idHex + ": name '" + name + "' is taken");
    }
    if (rawSize < 0) {
      throw new IllegalArgumentException("entry " + idHex + ": negative raw size " + rawSize);
    }
    if (compression.equals(Compression.NONE) && rawSize != stored.size()) {
      throw new IllegalArgumentException(
          "entry " + idHex + ": uncompressed, so raw size " + rawSize + " must equal the "
              + stored.size() + " stored bytes");
    }
    if (entries.size() == MAX_ENTRIES) {
      throw new IllegalArgumentException("a pack holds at most " + MAX_ENTRIES + " entries");
    }
    byte[] typeBytes = intern(type, idHex, "type");
    byte[] nameBytes = intern(name, idHex, "name");
    names.add(name);
    entries.add(
        new Pending(id, typeBytes, nameBytes, compression, rawSize, contentHash, stored));
    return this;
  }

  /**
   * Adds an entry of another open pack with its metadata, copying its stored bytes as they are
   * (never decoded): how a rebuild carries over unchanged entries. The source pack must stay
   * open until this writer has written.
   */
  public PackWriter addCopyOf(Pack source, PackEntry entry) {
    return add(
        entry.id(),
        entry.type(),
        entry.name(),
        entry.compression(),
        entry.rawSize(),
        entry.contentHash(),
        StoredBytes.copyOf(source, entry));
  }

  private byte[] intern(String text, String idHex, String what) {
    byte[] bytes = encoded.get(text);
    if (bytes != null) {
      return bytes;
    }
    try {
      bytes = Utf8.encode(text);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "entry " + idHex + ": " + what + " is not well-formed text (unpaired surrogate?)", e);
    }
    if (stringTableSize + bytes.length > MAX_STRING_TABLE) {
      throw new IllegalArgumentException(
          "entry " + idHex + ": the string table would exceed " + MAX_STRING_TABLE + " bytes");
    }
    stringTableSize += bytes.length;
    encoded.put(text, bytes);
    return bytes;
  }

  /**
   * Writes the pack to {@code out} from its current position and returns the pack's length. A
   * seekable channel is written in one pass (the header last); others get the bytes strictly in
   * order. The channel is left open and not forced.
   */
  public long writeTo(WritableByteChannel out) throws IOException {
    Layout layout = new Layout();
    ByteBuffer meta = layout.metadata();
    CRC32C body = new CRC32C();
    body.update(meta.duplicate().position(HEADER_SIZE));
    if (out instanceof SeekableByteChannel) {
      SeekableByteChannel seekable = (SeekableByteChannel) out;
      long start = seekable.position();
      writeFully(out, meta.duplicate());
      writeData(layout, bytes -> {
        body.update(bytes.duplicate());
        writeFully(out, bytes);
      }, null); // The header is sealed from these very bytes: nothing to check them against.
      sealHeader(meta, (int) body.getValue());
      seekable.position(start);
      writeFully(out, meta.duplicate().limit(HEADER_SIZE));
      seekable.position(start + layout.fileSize);
    } else {
      writeInOrder(layout, meta, bytes -> writeFully(out, bytes));
    }
    return layout.fileSize;
  }

  /** The length and SHA-256 of a written pack. */
  public record Written(long size, Sha256 sha256) {

    /** The format version the pack was written in (the writer writes only its own). */
    public int majorVersion() {
      return PackFormat.MAJOR_VERSION;
    }

    public int minorVersion() {
      return PackFormat.MINOR_VERSION;
    }
  }

  /**
   * Writes the pack to {@code out} like {@link #writeTo(WritableByteChannel)}, strictly in order,
   * and returns its length with the SHA-256 of exactly the bytes written, so the caller need not
   * read the pack back to hash it. Sources whose CRC-32C is not known ({@link
   * StoredBytes#withCrc32c}) are read twice: once for the header's checksum, once to write and
   * hash; the others once. The SHA-256 is computed on a second thread while this one writes.
   */
  public Written writeHashedTo(WritableByteChannel out) throws IOException {
    Layout layout = new Layout();
    ByteBuffer meta = layout.metadata();
    try (BackgroundSha256 sha256 = new BackgroundSha256()) {
      writeInOrder(layout, meta, bytes -> {
        sha256.update(bytes);
        writeFully(out, bytes);
      });
      return new Written(layout.fileSize, sha256.digest());
    }
  }

  /** Hands the header, once sealed, and everything after it to {@code sink} in file order. */
  private void writeInOrder(Layout layout, ByteBuffer meta, StoredBytes.Sink sink) throws IOException {
    int[] crcs = entryCrcs();
    sealHeader(meta, bodyCrc(layout, meta, crcs));
    sink.accept(meta.duplicate());
    writeData(layout, sink, crcs);
  }

  /** Each entry's CRC-32C: the one given with its bytes, or read from them. */
  private int[] entryCrcs() throws IOException {
    int[] crcs = new int[entries.size()];
    for (int i = 0; i < crcs.length; i++) {
      Pending entry = entries.get(i);
      OptionalInt known = entry.stored.crc32c();
      if (known.isPresent()) {
        crcs[i] = known.getAsInt();
      } else {
        CRC32C crc = new CRC32C();
        deliver(entry, crc::update);
        crcs[i] = (int) crc.getValue();
      }
    }
    return crcs;
  }

  /** The CRC-32C of everything after the header, from the metadata and the entries' CRC-32Cs. */
  private int bodyCrc(Layout layout, ByteBuffer meta, int[] entryCrcs) {
    int body = Crc32c.of(meta.duplicate().position(HEADER_SIZE));
    long position = layout.dataOffset;
    for (int i = 0; i < entryCrcs.length; i++) {
      int padding = (int) (layout.offsets[i] - position);
      if (padding > 0) {
        body = Crc32c.combine(body, Crc32c.of(ZEROS.duplicate().limit(padding)), padding);
      }
      long size = entries.get(i).size;
      body = Crc32c.combine(body, entryCrcs[i], size);
      position = layout.offsets[i] + size;
    }
    return body;
  }

  /**
   * Writes the pack to {@code file}, replacing what was there, and returns its length. Not
   * forced and not atomic: see {@link #writeAtomically} for that.
   */
  public long writeTo(Path file) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      return writeTo(channel);
    }
  }

  /**
   * Writes the pack durably and atomically to {@code target}: to a temporary file in the same
   * folder, forced to disk, renamed over {@code target} in one step, and the folder forced so the
   * rename survives a crash. Readers see the old pack or the new one, never a part; a failure
   * leaves the old pack and removes the temporary file. Returns the pack's length.
   */
  public long writeAtomically(Path target) throws IOException {
    return atomically(target, this::writeTo);
  }

  /**
   * Writes the pack like {@link #writeAtomically} and returns its length with the SHA-256 of the
   * file as renamed into place (see {@link #writeHashedTo}).
   */
  public Written writeAtomicallyHashed(Path target) throws IOException {
    return atomically(target, this::writeHashedTo);
  }

  private interface ChannelWrite<T> {
    T writeTo(FileChannel channel) throws IOException;
  }

  private static <T> T atomically(Path target, ChannelWrite<T> write) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    Path temp = createTemp(folder, absolute.getFileName().toString());
    try {
      T result;
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        result = write.writeTo(channel);
        channel.force(true);
      }
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      forceFolder(folder);
      return result;
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** A new empty file next to the target; created with default permissions, unlike createTempFile. */
  private static Path createTemp(Path folder, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
      Path temp = folder.resolve("." + name + "." + suffix + ".tmp");
      try {
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return temp;
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
  }

  private static void forceFolder(Path folder) throws IOException {
    if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
      return; // Windows cannot open a folder as a channel; its rename is durable as done
    }
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Hands the entries' bytes, with the padding before each, to {@code sink}; when {@code crcs} is
   * given (the header already claims them), each entry's bytes are checked against its CRC-32C.
   */
  private void writeData(Layout layout, StoredBytes.Sink sink, int[] crcs) throws IOException {
    long position = layout.dataOffset;
    for (int i = 0; i < entries.size(); i++) {
      Pending entry = entries.get(i);
      long offset = layout.offsets[i];
      sink.accept(ZEROS.duplicate().limit((int) (offset - position)));
      if (crcs == null) {
        deliver(entry, sink);
      } else {
        CRC32C written = new CRC32C();
        deliver(entry, bytes -> {
          written.update(bytes.duplicate());
          sink.accept(bytes);
        });
        if ((int) written.getValue() != crcs[i]) {
          throw new EntryChangedException(entry.id, "its stored bytes no longer have the CRC-32C "
              + (entry.stored.crc32c().isPresent() ? "given when it was added" : "they had when first read"));
        }
      }
      position = offset + entry.size;
    }
  }

  /** Hands an entry's stored bytes to {@code sink}, failing if there are more or fewer than added. */
  private static void deliver(Pending entry, StoredBytes.Sink sink) throws IOException {
    long[] delivered = {0};
    entry.stored.writeTo(bytes -> {
      delivered[0] += bytes.remaining();
      if (delivered[0] > entry.size) {
        throw changedSize(entry);
      }
      sink.accept(bytes);
    });
    if (delivered[0] != entry.size) {
      throw changedSize(entry);
    }
  }

  private static IOException changedSize(Pending entry) {
    return new EntryChangedException(entry.id, "its stored bytes are no longer " + entry.size + " bytes long");
  }

  private static void sealHeader(ByteBuffer meta, int bodyCrc) {
    meta.putInt(H_BODY_CRC, bodyCrc);
    meta.putInt(H_HEADER_CRC, Header.crc32c(meta.slice(0, H_HEADER_CRC)));
  }

  private static void writeFully(WritableByteChannel out, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  /** An entry waiting to be written. */
  private static final class Pending {
    final long id;
    final byte[] type;
    final byte[] name;
    final Compression compression;
    final long rawSize;
    final Sha256 contentHash;
    final StoredBytes stored;
    final long size;

    Pending(
        long id,
        byte[] type,
        byte[] name,
        Compression compression,
        long rawSize,
        Sha256 contentHash,
        StoredBytes stored) {
      this.id = id;
      this.type = type;
      this.name = name;
      this.compression = compression;
      this.rawSize = rawSize;
      this.contentHash = contentHash;
      this.stored = stored;
      this.size = stored.size();
    }
  }

  /** Where everything goes, computed from the entries alone. */
  private final class Layout {
    final int count = entries.size();
    final long indexOffset = HEADER_SIZE;
    final long nameIndexOffset = indexOffset + (long) count * ENTRY_SIZE;
    final long stringsOffset =
        alignUp(nameIndexOffset + (long) count * NAME_SLOT_SIZE, SECTION_ALIGNMENT);
    final TreeMap<byte[], Long> strings = new TreeMap<>(Arrays::compareUnsigned);
    final long stringsSize;
    final long dataOffset;
    final long[] offsets = new long[count];
    final long fileSize;

    Layout() {
      for (Pending entry : entries) {
        strings.put(entry.type, 0L);
        strings.put(entry.name, 0L);
      }
      long at = 0;
      for (Map.Entry<byte[], Long> string : strings.entrySet()) {
        string.setValue(at);
        at += string.getKey().length;
      }
      stringsSize = at;
      dataOffset = alignUp(stringsOffset + stringsSize, alignment);
      if (dataOffset > Integer.MAX_VALUE) {
        throw new IllegalStateException(
            "the pack's metadata would take " + dataOffset + " bytes; the limit is 2 GiB");
      }
      long position = dataOffset;
      for (int i = 0; i < count; i++) {
        offsets[i] = alignUp(position, alignment);
        position = Math.addExact(offsets[i], entries.get(i).size);
      }
      fileSize = position;
    }

    /** Header (checksums of the data still missing), index, name index and string table. */
    ByteBuffer metadata() {
      ByteBuffer meta = ByteBuffer.allocate((int) dataOffset).order(ByteOrder.LITTLE_ENDIAN);
      meta.put(H_MAGIC, MAGIC);
      meta.putShort(H_MAJOR, (short) MAJOR_VERSION);
      meta.putShort(H_MINOR, (short) MINOR_VERSION);
      meta.putInt(H_HEADER_SIZE, HEADER_SIZE);
      meta.putInt(H_ENTRY_COUNT, count);
      meta.putInt(H_ENTRY_SIZE, ENTRY_SIZE);
      meta.putInt(H_ALIGNMENT, alignment);
      meta.putLong(H_INDEX_OFFSET, indexOffset);
      meta.putLong(H_NAME_INDEX_OFFSET, nameIndexOffset);
      meta.putLong(H_STRINGS_OFFSET, stringsOffset);
      meta.putLong(H_STRINGS_SIZE, stringsSize);
      meta.putLong(H_DATA_OFFSET, dataOffset);
      meta.putLong(H_FILE_SIZE, fileSize);
      for (int i = 0; i < count; i++) {
        Pending entry = entries.get(i);
        int base = (int) (indexOffset + (long) i * ENTRY_SIZE);
        meta.putLong(base + E_ID, entry.id);
        meta.putInt(base + E_TYPE_OFFSET, (int) (long) strings.get(entry.type));
        meta.putInt(base + E_TYPE_LENGTH, entry.type.length);
        meta.putInt(base + E_NAME_OFFSET, (int) (long) strings.get(entry.name));
        meta.putInt(base + E_NAME_LENGTH, entry.name.length);
        meta.putLong(base + E_DATA_OFFSET, offsets[i]);
        meta.putLong(base + E_STORED_SIZE, entry.size);
        meta.putLong(base + E_RAW_SIZE, entry.rawSize);
        meta.put(base + E_COMPRESSION, (byte) entry.compression.code());
        meta.position(base + E_CONTENT_HASH);
        entry.contentHash.putInto(meta);
      }
      Integer[] byName = new Integer[count];
      for (int i = 0; i < count; i++) {
        byName[i] = i;
      }
      Arrays.sort(byName, (a, b) -> Arrays.compareUnsigned(entries.get(a).name, entries.get(b).name));
      for (int k = 0; k < count; k++) {
        meta.putInt((int) nameIndexOffset + k * NAME_SLOT_SIZE, byName[k]);
      }
      for (Map.Entry<byte[], Long> string : strings.entrySet()) {
        meta.put((int) (stringsOffset + string.getValue()), string.getKey());
      }
      meta.putInt(H_METADATA_CRC, Header.crc32c(meta.slice(HEADER_SIZE, (int) dataOffset - HEADER_SIZE)));
      return meta.clear();
    }
  }
}
