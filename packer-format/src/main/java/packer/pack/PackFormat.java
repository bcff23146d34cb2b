package packer.pack;

/**
 * The layout constants of format 1.0, shared by the writer and the reader so they cannot
 * disagree. docs/pack-format.md is the prose form of this class; SpecExampleTest keeps the two
 * in step.
 */
final class PackFormat {

  /** {@code \x89 P A K \r \n \x1a \n}: high bit, text-mode and truncation traps, as PNG does. */
  static final byte[] MAGIC = {(byte) 0x89, 'P', 'A', 'K', '\r', '\n', 0x1a, '\n'};

  static final int MAJOR_VERSION = 1;
  static final int MINOR_VERSION = 0;

  // Header, version 1.0. A newer minor version may make it longer (header size field); the
  // header checksum is always its last four bytes.
  static final int HEADER_SIZE = 96;
  static final int H_MAGIC = 0;
  static final int H_MAJOR = 8;
  static final int H_MINOR = 10;
  static final int H_HEADER_SIZE = 12;
  static final int H_ENTRY_COUNT = 16;
  static final int H_ENTRY_SIZE = 20;
  static final int H_ALIGNMENT = 24;
  static final int H_RESERVED_1 = 28;
  static final int H_INDEX_OFFSET = 32;
  static final int H_NAME_INDEX_OFFSET = 40;
  static final int H_STRINGS_OFFSET = 48;
  static final int H_STRINGS_SIZE = 56;
  static final int H_DATA_OFFSET = 64;
  static final int H_FILE_SIZE = 72;
  static final int H_METADATA_CRC = 80;
  static final int H_BODY_CRC = 84;
  static final int H_RESERVED_2 = 88;
  static final int H_HEADER_CRC = 92;

  // Index entry, version 1.0. A newer minor version may make it longer (entry size field).
  static final int ENTRY_SIZE = 88;
  static final int E_ID = 0;
  static final int E_TYPE_OFFSET = 8;
  static final int E_TYPE_LENGTH = 12;
  static final int E_NAME_OFFSET = 16;
  static final int E_NAME_LENGTH = 20;
  static final int E_DATA_OFFSET = 24;
  static final int E_STORED_SIZE = 32;
  static final int E_RAW_SIZE = 40;
  static final int E_COMPRESSION = 48;
  static final int E_RESERVED = 49;
  static final int E_CONTENT_HASH = 56;

  /** Each name index slot is the u32 position of an entry in the index. */
  static final int NAME_SLOT_SIZE = 4;

  /** Sections other than entry data start on this boundary, so u64 fields are aligned. */
  static final int SECTION_ALIGNMENT = 8;

  static final int DEFAULT_ALIGNMENT = 16;
  static final int MAX_ALIGNMENT = 65536;

  private PackFormat() {}

  static boolean isValidAlignment(long alignment) {
    return alignment >= 1 && alignment <= MAX_ALIGNMENT && (alignment & (alignment - 1)) == 0;
  }

  /** {@code value} rounded up to a multiple of the power of two {@code alignment}. */
  static long alignUp(long value, long alignment) {
    return (value + alignment - 1) & -alignment;
  }
}
