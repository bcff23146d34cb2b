package packer.pack;

import static packer.pack.PackFormat.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.util.HashMap;
import java.util.Map;

/**
 * The entries of a pack in id order and their order by name, read from the metadata and checked
 * entry by entry: ids strictly increasing, string references inside the string table and
 * well-formed UTF-8, data ranges aligned, inside the file and not overlapping, names unique and
 * sorted.
 */
final class Index {

  private final PackEntry[] byId;
  private final int[] byName;

  private Index(PackEntry[] byId, int[] byName) {
    this.byId = byId;
    this.byName = byName;
  }

  PackEntry[] byId() {
    return byId;
  }

  int[] byName() {
    return byName;
  }

  static Index read(ByteSource source, Header header, String sourceName) throws IOException {
    ByteBuffer meta = source.slice(0, (int) header.dataOffset()).order(ByteOrder.LITTLE_ENDIAN);
    Strings strings = new Strings(meta, header, sourceName);
    int count = header.entryCount();
    PackEntry[] entries = new PackEntry[count];
    long previousEnd = header.dataOffset();
    for (int i = 0; i < count; i++) {
      int base = (int) (header.indexOffset() + (long) i * header.entrySize());
      long id = meta.getLong(base + E_ID);
      if (i > 0 && Long.compareUnsigned(id, entries[i - 1].id()) <= 0) {
        throw new PackFormatException(
            sourceName,
            base + E_ID,
            id,
            "id is not greater than the previous entry's "
                + entries[i - 1].idHex()
                + " (ids must be strictly increasing)");
      }
      String type = strings.at(base + E_TYPE_OFFSET, id, "type");
      String name = strings.at(base + E_NAME_OFFSET, id, "name");
      long dataOffset = meta.getLong(base + E_DATA_OFFSET);
      long storedSize = meta.getLong(base + E_STORED_SIZE);
      long rawSize = meta.getLong(base + E_RAW_SIZE);
      if (dataOffset < previousEnd || dataOffset > header.fileSize()) {
        throw new PackFormatException(
            sourceName,
            base + E_DATA_OFFSET,
            id,
            "data offset " + Long.toUnsignedString(dataOffset) + " is outside " + previousEnd
                + ".." + header.fileSize()
                + " (after the previous entry's data, inside the file)");
      }
      if (dataOffset % header.alignment() != 0) {
        throw new PackFormatException(
            sourceName,
            base + E_DATA_OFFSET,
            id,
            "data offset " + dataOffset + " is not aligned to " + header.alignment());
      }
      if (storedSize < 0 || storedSize > header.fileSize() - dataOffset) {
        throw new PackFormatException(
            sourceName,
            base + E_STORED_SIZE,
            id,
            "stored size " + Long.toUnsignedString(storedSize) + " at offset " + dataOffset
                + " runs past the end of the file (" + header.fileSize() + " bytes)");
      }
      Compression compression = Compression.of(Byte.toUnsignedInt(meta.get(base + E_COMPRESSION)));
      if (rawSize < 0 || (compression.equals(Compression.NONE) && rawSize != storedSize)) {
        throw new PackFormatException(
            sourceName,
            base + E_RAW_SIZE,
            id,
            "raw size " + Long.toUnsignedString(rawSize) + " is impossible for "
                + compression + " data of " + storedSize + " stored bytes");
      }
      byte[] hash = new byte[Sha256.LENGTH];
      meta.get(base + E_CONTENT_HASH, hash);
      entries[i] =
          new PackEntry(
              i, id, type, name, compression, dataOffset, storedSize, rawSize, Sha256.wrap(hash));
      previousEnd = dataOffset + storedSize;
    }
    return new Index(entries, readNameOrder(meta, header, entries, sourceName));
  }

  private static int[] readNameOrder(
      ByteBuffer meta, Header header, PackEntry[] entries, String sourceName)
      throws PackFormatException {
    int[] order = new int[entries.length];
    for (int k = 0; k < order.length; k++) {
      int slot = (int) header.nameIndexOffset() + k * NAME_SLOT_SIZE;
      long position = Integer.toUnsignedLong(meta.getInt(slot));
      if (position >= entries.length) {
        throw new PackFormatException(
            sourceName,
            slot,
            "name index slot " + k + " points at entry " + position + " of " + entries.length);
      }
      order[k] = (int) position;
      // Strictly increasing names also make the slots a permutation: a repeated position or
      // name could not sort strictly.
      if (k > 0 && Utf8.compare(entries[order[k - 1]].name(), entries[order[k]].name()) >= 0) {
        throw new PackFormatException(
            sourceName,
            slot,
            "name index is not strictly increasing at slot " + k + ": '"
                + entries[order[k - 1]].name() + "' then '" + entries[order[k]].name() + "'");
      }
    }
    return order;
  }

  /** Decodes string references; each distinct string is decoded once and shared. */
  private static final class Strings {
    private final ByteBuffer meta;
    private final Header header;
    private final String sourceName;
    private final Map<Long, String> decoded = new HashMap<>(); // a cache, never iterated

    Strings(ByteBuffer meta, Header header, String sourceName) {
      this.meta = meta;
      this.header = header;
      this.sourceName = sourceName;
    }

    /** The string whose u32 offset and u32 length are stored at {@code field}. */
    String at(int field, long id, String what) throws PackFormatException {
      long offset = Integer.toUnsignedLong(meta.getInt(field));
      long length = Integer.toUnsignedLong(meta.getInt(field + 4));
      if (offset + length > header.stringsSize()) {
        throw new PackFormatException(
            sourceName,
            field,
            id,
            what + " string " + offset + "+" + length + " runs past the string table of "
                + header.stringsSize() + " bytes");
      }
      Long key = offset << 32 | length;
      String text = decoded.get(key);
      if (text == null) {
        int at = (int) (header.stringsOffset() + offset);
        try {
          text = Utf8.decode(meta.slice(at, (int) length));
        } catch (CharacterCodingException e) {
          throw new PackFormatException(
              sourceName, at, true, id, what + " is not well-formed UTF-8", e);
        }
        decoded.put(key, text);
      }
      return text;
    }
  }
}
