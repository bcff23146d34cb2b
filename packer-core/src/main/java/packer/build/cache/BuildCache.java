package packer.build.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import packer.pack.Compression;

/**
 * The content-addressed build cache under {@code .packer/cache/build/}: processed outputs, in the
 * form a pack stores them, by {@link CacheKey}.
 *
 * <p>Each value is a file {@code values/<first 2 hex digits>/<key>} holding a 128-byte header
 * (magic, the key, compression, raw and stored sizes, SHA-256 of the raw bytes, CRC-32C of the
 * stored bytes) and the stored bytes. Every read checks all of it: a value whose length, key or
 * checksum is wrong is deleted and reported as a miss, so the asset is processed again and a
 * damaged value is never emitted. CRC-32C, as for the pack's body, because the threat is damage
 * (a torn write, a bad sector), not forgery, and it costs a fraction of a second SHA-256 pass. Values are written whole to a temp file and renamed: concurrent builds may write
 * the same key at once, and each rename puts a complete, identical value in place.
 *
 * <p>Layout of {@code .packer/cache/build/}: {@code values/}, {@code fingerprints} (see {@link
 * Fingerprints}) and {@code outputs/} (see {@link OutputRecord}).
 */
public final class BuildCache {

  private static final byte[] MAGIC = {'P', 'K', 'V', 'A', 'L', 'U', 'E', '1'};
  static final int HEADER_SIZE = 128;

  private final Path folder;
  private final AtomicInteger discarded = new AtomicInteger();

  public BuildCache(Path folder) {
    this.folder = folder;
  }

  /** {@code .packer/cache/build} of the workspace at {@code root}. */
  public static BuildCache of(Path root) {
    return new BuildCache(root.resolve(".packer").resolve("cache").resolve("build"));
  }

  public Path folder() {
    return folder;
  }

  public Path fingerprintsFile() {
    return folder.resolve("fingerprints");
  }

  public Path outputsFolder() {
    return folder.resolve("outputs");
  }

  Path valuesFolder() {
    return folder.resolve("values");
  }

  Path valueFile(String key) {
    return valuesFolder().resolve(key.substring(0, 2)).resolve(key);
  }

  /** How many damaged values reads found and deleted so far. */
  public int discarded() {
    return discarded.get();
  }

  /** The value for {@code key}, checked whole; empty when absent or damaged (then deleted). */
  public java.util.Optional<CachedValue> read(String key) throws IOException {
    Path file = valueFile(key);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return java.util.Optional.empty();
    }
    CachedValue value = decode(key, bytes);
    if (value == null) {
      discarded.incrementAndGet();
      Files.deleteIfExists(file);
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(value);
  }

  /** Stores {@code value} under {@code key}, atomically. */
  public void write(String key, CachedValue value) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    header.put(MAGIC);
    header.put(HexFormat.of().parseHex(key));
    header.put((byte) value.compression().code());
    header.position(48);
    header.putLong(value.rawSize());
    header.putLong(value.stored().length);
    header.put(HexFormat.of().parseHex(value.rawSha256()));
    header.putInt(value.storedCrc32c());
    AtomicFiles.write(valueFile(key), header.array(), value.stored());
  }

  private static CachedValue decode(String key, byte[] bytes) {
    if (bytes.length < HEADER_SIZE) {
      return null;
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[8];
    header.get(magic);
    byte[] keyBytes = new byte[32];
    header.get(keyBytes);
    int code = Byte.toUnsignedInt(header.get());
    header.position(48);
    long rawSize = header.getLong();
    long storedSize = header.getLong();
    byte[] rawSha = new byte[32];
    header.get(rawSha);
    int storedCrc = header.getInt();
    if (!java.util.Arrays.equals(magic, MAGIC)
        || !HexFormat.of().formatHex(keyBytes).equals(key)
        || storedSize != bytes.length - HEADER_SIZE
        || rawSize < 0
        || !Compression.of(code).isKnown()) {
      return null;
    }
    if (crc32c(bytes, HEADER_SIZE, bytes.length - HEADER_SIZE) != storedCrc) {
      return null;
    }
    Compression compression = Compression.of(code);
    if (compression.equals(Compression.NONE) && rawSize != storedSize) {
      return null;
    }
    byte[] stored = java.util.Arrays.copyOfRange(bytes, HEADER_SIZE, bytes.length);
    return new CachedValue(compression, rawSize, HexFormat.of().formatHex(rawSha), stored, storedCrc);
  }

  static int crc32c(byte[] bytes, int offset, int length) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** What {@link #trim} removed. */
  public record Trimmed(int files, long bytes, int kept) {}

  /**
   * Deletes every value whose key is not in {@code keep}, and temp files left by interrupted
   * writes more than an hour old (a younger one may belong to a build running now).
   */
  public Trimmed trim(Set<String> keep, long nowMillis) throws IOException {
    if (!Files.isDirectory(valuesFolder())) {
      return new Trimmed(0, 0, 0);
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(valuesFolder())) {
      walk.filter(Files::isRegularFile).sorted().forEach(files::add);
    }
    int removed = 0;
    long bytes = 0;
    int kept = 0;
    for (Path file : files) {
      String name = file.getFileName().toString();
      boolean stale = AtomicFiles.isTemp(file)
          ? Files.getLastModifiedTime(file).toMillis() < nowMillis - 3_600_000L
          : !keep.contains(name);
      if (!stale) {
        kept++;
        continue;
      }
      long size = Files.size(file);
      if (Files.deleteIfExists(file)) {
        removed++;
        bytes += size;
      }
    }
    try (Stream<Path> dirs = Files.list(valuesFolder())) {
      for (Path dir : dirs.sorted().toList()) {
        try (Stream<Path> inside = Files.list(dir)) {
          if (inside.findAny().isEmpty()) {
            Files.deleteIfExists(dir);
          }
        } catch (java.nio.file.DirectoryNotEmptyException e) {
          // a build wrote into it meanwhile
        }
      }
    }
    return new Trimmed(removed, bytes, kept);
  }
}
