package packer.pack;

import java.util.HexFormat;
import java.util.Objects;

/**
 * One entry of an open {@link Pack}: its metadata and where its stored bytes lie. Immutable.
 *
 * <p>Read the bytes with {@link Pack#data(PackEntry)} or {@link Pack#openStream(PackEntry)} of
 * the pack that returned the entry.
 */
public final class PackEntry {

  private final int position;
  private final long id;
  private final String type;
  private final String name;
  private final Compression compression;
  private final long dataOffset;
  private final long storedSize;
  private final long rawSize;
  private final Sha256 contentHash;

  PackEntry(
      int position,
      long id,
      String type,
      String name,
      Compression compression,
      long dataOffset,
      long storedSize,
      long rawSize,
      Sha256 contentHash) {
    this.position = position;
    this.id = id;
    this.type = type;
    this.name = name;
    this.compression = compression;
    this.dataOffset = dataOffset;
    this.storedSize = storedSize;
    this.rawSize = rawSize;
    this.contentHash = contentHash;
  }

  /** This entry's place in the pack's index (0 for the smallest id). */
  int position() {
    return position;
  }

  /** The asset id, an unsigned 64-bit value (compare with {@link Long#compareUnsigned}). */
  public long id() {
    return id;
  }

  /** The id as 16 lowercase hex digits, as packer writes ids everywhere else. */
  public String idHex() {
    return HexFormat.of().toHexDigits(id);
  }

  public String type() {
    return type;
  }

  public String name() {
    return name;
  }

  public Compression compression() {
    return compression;
  }

  /** Absolute offset of the stored bytes in the pack file. */
  public long dataOffset() {
    return dataOffset;
  }

  /** Length of the stored (possibly compressed) bytes. */
  public long storedSize() {
    return storedSize;
  }

  /** Length of the raw bytes; equals {@link #storedSize()} for {@link Compression#NONE}. */
  public long rawSize() {
    return rawSize;
  }

  /** SHA-256 of the raw, uncompressed bytes. */
  public Sha256 contentHash() {
    return contentHash;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof PackEntry)) {
      return false;
    }
    PackEntry that = (PackEntry) other;
    return position == that.position
        && id == that.id
        && type.equals(that.type)
        && name.equals(that.name)
        && compression.equals(that.compression)
        && dataOffset == that.dataOffset
        && storedSize == that.storedSize
        && rawSize == that.rawSize
        && contentHash.equals(that.contentHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, type, name, compression, dataOffset, storedSize, rawSize, contentHash);
  }

  @Override
  public String toString() {
    return idHex()
        + " '"
        + name
        + "' ("
        + type
        + ", "
        + compression
        + ", "
        + storedSize
        + "/"
        + rawSize
        + " bytes at "
        + dataOffset
        + ", sha256 "
        + contentHash.hex()
        + ")";
  }
}
