package packer.build.cache;

import java.util.Objects;
import packer.pack.Compression;

/**
 * One processed output as a pack stores it.
 *
 * @param compression how {@code stored} encodes the raw output
 * @param rawSize the length of the raw output
 * @param rawSha256 lowercase hex SHA-256 of the raw output, the pack entry's content hash
 * @param stored the bytes the pack stores; not copied, do not change them
 * @param storedCrc32c the CRC-32C of {@code stored}
 */
public record CachedValue(Compression compression, long rawSize, String rawSha256, byte[] stored, int storedCrc32c) {

  public CachedValue {
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(rawSha256, "rawSha256");
    Objects.requireNonNull(stored, "stored");
  }

  /** A value whose CRC-32C is computed from {@code stored}. */
  public CachedValue(Compression compression, long rawSize, String rawSha256, byte[] stored) {
    this(compression, rawSize, rawSha256, stored, BuildCache.crc32c(stored, 0, stored.length));
  }
}
