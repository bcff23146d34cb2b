package packer.pack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** Fixtures for pack tests: entries to write, writing to bytes, and resealing damaged packs. */
final class Packs {

  private Packs() {}

  /** One entry as a test means it. */
  record Item(
      long id, String type, String name, Compression compression, long rawSize, Sha256 hash,
      byte[] stored) {

    /** An uncompressed entry. */
    static Item raw(long id, String type, String name, byte[] data) {
      return new Item(id, type, name, Compression.NONE, data.length, Sha256.digest(data), data);
    }

    static Item raw(long id, String type, String name, String text) {
      return raw(id, type, name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** An entry with a compression code; the stored bytes are whatever the test says. */
    static Item compressed(long id, String name, byte[] stored, long rawSize, Sha256 rawHash) {
      return new Item(id, "blob", name, Compression.ZSTD, rawSize, rawHash, stored);
    }
  }

  static PackWriter writer(int alignment, List<Item> items) {
    PackWriter writer = new PackWriter(alignment);
    for (Item item : items) {
      writer.add(
          item.id(), item.type(), item.name(), item.compression(), item.rawSize(), item.hash(),
          StoredBytes.of(item.stored()));
    }
    return writer;
  }

  /** The pack's bytes, written through a channel that cannot seek. */
  static byte[] bytes(int alignment, List<Item> items) {
    return bytes(writer(alignment, items));
  }

  static byte[] bytes(PackWriter writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.writeTo(Channels.newChannel(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The small pack of the spec's worked example (docs/pack-format.md). */
  static List<Item> specExample() {
    return List.of(
        Item.raw(0x3f9a0c1d2e4b5a67L, "text", "greeting", "hi\n"),
        Item.raw(0xa1b2c3d4e5f60718L, "blob", "café", new byte[] {1, 2, 3, 4, 5}));
  }

  /** A varied small pack: non-ASCII and empty names, an empty entry, a compressed entry. */
  static List<Item> varied() {
    byte[] raw = "the raw bytes of a compressed entry".getBytes(StandardCharsets.UTF_8);
    return List.of(
        Item.raw(0x0000000000000001L, "text", "readme", "hello\n"),
        Item.raw(0x3f9a0c1d2e4b5a67L, "image", "héros/épée 🗡", new byte[] {(byte) 0xff, 0, 7}),
        Item.raw(0x7fffffffffffffffL, "blob", "", new byte[0]),
        Item.compressed(0x8000000000000000L, "packed", new byte[] {9, 8, 7, 6}, raw.length,
            Sha256.digest(raw)),
        Item.raw(0xffffffffffffffffL, "text", "日本語", "最後"));
  }

  static Pack wrap(byte[] pack) throws PackFormatException {
    return Pack.wrap(ByteBuffer.wrap(pack));
  }

  /**
   * Recomputes the three checksums of a (damaged) pack so the damage reaches the structural
   * checks behind them. Tolerates any garbage: ranges are clamped to the array.
   */
  static byte[] reseal(byte[] pack) {
    byte[] copy = pack.clone();
    if (copy.length < 16) {
      return copy;
    }
    ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
    long headerSize = Integer.toUnsignedLong(b.getInt(PackFormat.H_HEADER_SIZE));
    if (headerSize < PackFormat.HEADER_SIZE || headerSize > copy.length) {
      return copy;
    }
    int h = (int) headerSize;
    long dataOffset = b.getLong(PackFormat.H_DATA_OFFSET);
    int d = (int) Math.max(h, Math.min(copy.length, dataOffset < 0 ? copy.length : dataOffset));
    b.putInt(PackFormat.H_METADATA_CRC, crc(copy, h, d));
    b.putInt(PackFormat.H_BODY_CRC, crc(copy, h, copy.length));
    b.putInt(h - 4, crc(copy, 0, h - 4));
    return copy;
  }

  /** Replaces bytes at {@code offset} with a little-endian value, then reseals. */
  static byte[] patch(byte[] pack, int offset, long value, int size) {
    byte[] copy = pack.clone();
    for (int i = 0; i < size; i++) {
      copy[offset + i] = (byte) (value >>> (8 * i));
    }
    return reseal(copy);
  }

  /**
   * Rewrites a 1.0 pack as a later 1.x writer might: minor version 1, a header and index entries
   * longer by {@code extraHeader} and {@code extraEntry} bytes of fields unknown to 1.0 (filled
   * with 0xee), every offset moved to match.
   */
  static byte[] asNewerMinorVersion(byte[] pack, int extraHeader, int extraEntry) {
    ByteBuffer old = ByteBuffer.wrap(pack).order(ByteOrder.LITTLE_ENDIAN);
    int count = old.getInt(PackFormat.H_ENTRY_COUNT);
    int alignment = old.getInt(PackFormat.H_ALIGNMENT);
    int oldData = (int) old.getLong(PackFormat.H_DATA_OFFSET);
    int metaShift = extraHeader + count * extraEntry;
    int newData = (int) PackFormat.alignUp(oldData + metaShift, alignment);
    int dataShift = newData - oldData;
    int headerSize = PackFormat.HEADER_SIZE + extraHeader;
    int entrySize = PackFormat.ENTRY_SIZE + extraEntry;

    ByteBuffer out = ByteBuffer.allocate(pack.length + dataShift).order(ByteOrder.LITTLE_ENDIAN);
    out.put(pack, 0, PackFormat.H_HEADER_CRC);
    for (int i = PackFormat.H_HEADER_CRC; i < headerSize - 4; i++) {
      out.put((byte) 0xee);
    }
    out.putShort(PackFormat.H_MINOR, (short) 1);
    out.putInt(PackFormat.H_HEADER_SIZE, headerSize);
    out.putInt(PackFormat.H_ENTRY_SIZE, entrySize);
    for (int field : new int[] {PackFormat.H_NAME_INDEX_OFFSET, PackFormat.H_STRINGS_OFFSET}) {
      out.putLong(field, old.getLong(field) + metaShift);
    }
    out.putLong(PackFormat.H_INDEX_OFFSET, headerSize);
    out.putLong(PackFormat.H_DATA_OFFSET, newData);
    out.putLong(PackFormat.H_FILE_SIZE, pack.length + dataShift);
    for (int i = 0; i < count; i++) {
      int from = PackFormat.HEADER_SIZE + i * PackFormat.ENTRY_SIZE;
      int to = headerSize + i * entrySize;
      out.put(to, pack, from, PackFormat.ENTRY_SIZE);
      out.putLong(to + PackFormat.E_DATA_OFFSET, old.getLong(from + PackFormat.E_DATA_OFFSET) + dataShift);
      for (int k = PackFormat.ENTRY_SIZE; k < entrySize; k++) {
        out.put(to + k, (byte) 0xee);
      }
    }
    int restOfMeta = PackFormat.HEADER_SIZE + count * PackFormat.ENTRY_SIZE;
    out.put(restOfMeta + metaShift, pack, restOfMeta, oldData - restOfMeta);
    out.put(newData, pack, oldData, pack.length - oldData);
    return reseal(out.array());
  }

  private static int crc(byte[] bytes, int from, int to) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, from, to - from);
    return (int) crc.getValue();
  }

  /** Uses everything a game would use; only a PackFormatException may come out of it. */
  static void exercise(Pack pack) throws PackFormatException {
    List<Long> ids = new ArrayList<>();
    for (PackEntry entry : pack.entries()) {
      ids.add(entry.id());
      ByteBuffer data = pack.data(entry);
      while (data.hasRemaining()) {
        data.get();
      }
      try (InputStream in = pack.openStream(entry)) {
        in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (pack.find(entry.id()).orElseThrow() != entry
          || pack.findByName(entry.name()).orElseThrow() != entry) {
        throw new AssertionError("lookup does not find " + entry);
      }
    }
    pack.find(0x123456789abcdefL);
    pack.findByName("no such name");
    pack.verify();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
