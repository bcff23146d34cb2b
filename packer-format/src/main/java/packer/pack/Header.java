package packer.pack;

import static packer.pack.PackFormat.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The validated header of a pack. {@link #read} checks every field against the file's real size
 * before anything else of the file is touched, so later code may trust these numbers.
 */
record Header(
    int majorVersion,
    int minorVersion,
    int headerSize,
    int entryCount,
    int entrySize,
    int alignment,
    long indexOffset,
    long nameIndexOffset,
    long stringsOffset,
    long stringsSize,
    long dataOffset,
    long fileSize,
    int metadataCrc,
    int bodyCrc) {

  /** Larger than any header a 1.x minor version will need; keeps a forged size harmless. */
  static final int MAX_HEADER_SIZE = 65536;

  /**
   * Reads and validates the header, then checks the metadata checksum, so a pack that opens has
   * a sound index, name index and string table.
   */
  static Header read(ByteSource source, String sourceName) throws IOException {
    long size = source.size();
    ByteBuffer start = source.slice(0, (int) Math.min(size, 16)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < Math.min(start.limit(), MAGIC.length); i++) {
      if (start.get(i) != MAGIC[i]) {
        throw new PackFormatException(
            sourceName, i, "not a pack: bad magic number (a pack starts 89 50 41 4b 0d 0a 1a 0a)");
      }
    }
    if (size < H_MINOR) {
      throw truncated(sourceName, size, HEADER_SIZE);
    }
    int major = Short.toUnsignedInt(start.getShort(H_MAJOR));
    if (major != MAJOR_VERSION) {
      throw new PackFormatException(
          sourceName,
          H_MAJOR,
          "unsupported major version " + major + " (this reader reads version " + MAJOR_VERSION
              + ".x)");
    }
    if (size < H_ENTRY_COUNT) {
      throw truncated(sourceName, size, HEADER_SIZE);
    }
    long headerSize = Integer.toUnsignedLong(start.getInt(H_HEADER_SIZE));
    if (headerSize < HEADER_SIZE || headerSize > MAX_HEADER_SIZE || headerSize % 8 != 0) {
      throw new PackFormatException(
          sourceName,
          H_HEADER_SIZE,
          "header size " + headerSize + " is not a multiple of 8 from " + HEADER_SIZE + " to "
              + MAX_HEADER_SIZE);
    }
    if (size < headerSize) {
      throw truncated(sourceName, size, headerSize);
    }
    ByteBuffer header = source.slice(0, (int) headerSize).order(ByteOrder.LITTLE_ENDIAN);
    int crcOffset = (int) headerSize - 4;
    int storedHeaderCrc = header.getInt(crcOffset);
    int headerCrc = crc32c(header.slice(0, crcOffset));
    if (storedHeaderCrc != headerCrc) {
      throw checksumMismatch(sourceName, crcOffset, "header", 0, crcOffset, storedHeaderCrc, headerCrc);
    }

    long fileSize = header.getLong(H_FILE_SIZE);
    if (fileSize != size) {
      throw new PackFormatException(
          sourceName,
          fileSize >= 0 && fileSize < size ? fileSize : size, // where bytes are extra or missing
          "the header records a file of " + Long.toUnsignedString(fileSize) + " bytes but it has "
              + size + ": truncated or appended to");
    }
    long entryCount = Integer.toUnsignedLong(header.getInt(H_ENTRY_COUNT));
    long entrySize = Integer.toUnsignedLong(header.getInt(H_ENTRY_SIZE));
    if (entrySize < ENTRY_SIZE || entrySize % 8 != 0 || entrySize > MAX_HEADER_SIZE) {
      throw new PackFormatException(
          sourceName,
          H_ENTRY_SIZE,
          "index entry size " + entrySize + " is not a multiple of 8 from " + ENTRY_SIZE + " to "
              + MAX_HEADER_SIZE);
    }
    long alignment = Integer.toUnsignedLong(header.getInt(H_ALIGNMENT));
    if (!isValidAlignment(alignment)) {
      throw new PackFormatException(
          sourceName,
          H_ALIGNMENT,
          "alignment " + alignment + " is not a power of two from 1 to " + MAX_ALIGNMENT);
    }

    Sections sections = new Sections(sourceName, header, size);
    long indexOffset = sections.start(H_INDEX_OFFSET, "index", headerSize, SECTION_ALIGNMENT);
    long indexEnd = sections.end(H_ENTRY_COUNT, "index", indexOffset, entryCount, entrySize);
    long nameIndexOffset =
        sections.start(H_NAME_INDEX_OFFSET, "name index", indexEnd, NAME_SLOT_SIZE);
    long nameIndexEnd =
        sections.end(H_ENTRY_COUNT, "name index", nameIndexOffset, entryCount, NAME_SLOT_SIZE);
    long stringsOffset = sections.start(H_STRINGS_OFFSET, "string table", nameIndexEnd, 1);
    long stringsSize = header.getLong(H_STRINGS_SIZE);
    long stringsEnd = sections.end(H_STRINGS_SIZE, "string table", stringsOffset, stringsSize, 1);
    long dataOffset = sections.start(H_DATA_OFFSET, "data", stringsEnd, alignment);
    if (dataOffset > Integer.MAX_VALUE) {
      throw new PackFormatException(
          sourceName,
          H_DATA_OFFSET,
          "metadata of " + dataOffset + " bytes is more than this reader maps at once (2 GiB)");
    }

    int metadataCrc = header.getInt(H_METADATA_CRC);
    int computed = crc32c(source.slice(headerSize, (int) (dataOffset - headerSize)));
    if (computed != metadataCrc) {
      throw checksumMismatch(
          sourceName, headerSize, "metadata", headerSize, dataOffset, metadataCrc, computed);
    }
    return new Header(
        major,
        Short.toUnsignedInt(header.getShort(H_MINOR)),
        (int) headerSize,
        (int) entryCount,
        (int) entrySize,
        (int) alignment,
        indexOffset,
        nameIndexOffset,
        stringsOffset,
        stringsSize,
        dataOffset,
        size,
        metadataCrc,
        header.getInt(H_BODY_CRC));
  }

  static int crc32c(ByteBuffer bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes.duplicate());
    return (int) crc.getValue();
  }

  static PackFormatException checksumMismatch(
      String sourceName, long offset, String what, long from, long to, int stored, int computed) {
    return new PackFormatException(
        sourceName,
        offset,
        String.format(
            Locale.ROOT,
            "%s checksum mismatch over bytes %d..%d (stored %08x, computed %08x)",
            what,
            from,
            to,
            stored,
            computed));
  }

  private static PackFormatException truncated(String sourceName, long size, long needed) {
    return new PackFormatException(
        sourceName,
        size,
        "truncated: the file ends after " + size + " bytes, inside the " + needed
            + "-byte header");
  }

  /** Checks that sections follow each other inside the file, without overflow. */
  private static final class Sections {
    private final String sourceName;
    private final ByteBuffer header;
    private final long size;

    Sections(String sourceName, ByteBuffer header, long size) {
      this.sourceName = sourceName;
      this.header = header;
      this.size = size;
    }

    /** The section offset stored at {@code field}: at or after {@code notBefore}, aligned. */
    long start(int field, String section, long notBefore, long alignment)
        throws PackFormatException {
      long offset = header.getLong(field);
      if (offset < notBefore || offset > size) { // negative means above 2^63: also out of range
        throw new PackFormatException(
            sourceName,
            field,
            section + " offset " + Long.toUnsignedString(offset) + " is outside " + notBefore
                + ".." + size + " (it must follow the previous section, inside the file)");
      }
      if (offset % alignment != 0) {
        throw new PackFormatException(
            sourceName,
            field,
            section + " offset " + offset + " is not a multiple of " + alignment);
      }
      return offset;
    }

    /** The end of a section of {@code count} items of {@code itemSize} bytes at {@code offset}. */
    long end(int field, String section, long offset, long count, long itemSize)
        throws PackFormatException {
      long room = size - offset;
      if (count < 0 || (itemSize != 0 && count > room / itemSize)) {
        throw new PackFormatException(
            sourceName,
            field,
            section + " of " + Long.toUnsignedString(count)
                + (itemSize == 1 ? "" : " x " + itemSize) + " bytes at " + offset
                + " runs past the end of the file (" + size + " bytes)");
      }
      return offset + count * itemSize;
    }
  }
}
