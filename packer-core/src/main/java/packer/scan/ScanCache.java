package packer.scan;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import packer.declaration.AssetTypes;

/**
 * What the last read of the workspace parsed, keyed by each file's {@link StatKey}, so that the
 * next read re-reads and re-parses only the files whose stat changed, as git's index does
 * ({@code .packer/cache/scan.bin}).
 *
 * <p>A hint, never authority: a cache that is missing, truncated, corrupt, from another packer
 * build or asset-type set, or from another workspace path is ignored and rebuilt by a full read;
 * writing it never takes the workspace lock and never fails a command (a read-only disk simply
 * keeps no cache). Written whole to a temporary file and renamed into place, so a reader sees an
 * old or a new cache, never half of one.
 *
 * <p>Racy files: a file changed again within the same clock tick as the stat that was cached
 * keeps its size and time. So an entry is trusted only when the file's time is older than the
 * start of the read that cached it by a safe margin; a younger one is read again (and cached
 * anew), as git re-checks entries as new as its index.
 *
 * <p>Safe to use from several threads during one read.
 */
public final class ScanCache {

  public static final String FILE = ".packer/cache/scan.bin";

  /** Bump when the layout, or what any payload holds, changes. */
  static final int FORMAT = 3;

  /** More than any file system's timestamp granularity (FAT: 2 s) and the kernel clock's lag. */
  static final long RACY_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(3);

  private static final long MAGIC = 0x5041434b53434e31L; // "PACKSCN1"

  /** A payload where it lies: in the loaded file, or in an array of its own. */
  private record Entry(StatKey key, byte[] bytes, int offset, int length) {
    PayloadReader reader() {
      return new PayloadReader(bytes, offset, length);
    }
  }

  private final Path root;
  private final String fingerprint;
  private final boolean enabled;
  /** The loaded file and where its entries start, parsed on first use; null once parsed. */
  private byte[] file;
  private int entriesAt;
  private volatile Map<String, Entry> previous;
  private final Map<String, Listing> previousListings;
  private final long previousStartNanos;
  private final long startNanos;
  private final Map<String, Entry> current;
  private final Map<String, Listing> currentListings = new ConcurrentHashMap<>();
  private volatile boolean changed;

  private ScanCache(Path root, String fingerprint, boolean enabled, byte[] file, int entriesAt,
      Map<String, Entry> previous, Map<String, Listing> previousListings, long previousStartNanos, long startNanos) {
    this.root = root;
    this.fingerprint = fingerprint;
    this.enabled = enabled;
    this.file = file;
    this.entriesAt = entriesAt;
    this.previous = previous;
    this.previousListings = previousListings;
    this.previousStartNanos = previousStartNanos;
    this.startNanos = startNanos;
    // Sized for what the last read kept, which this one mostly keeps again.
    int expected = previous != null ? previous.size() : file != null ? peekCount(file, entriesAt) : 0;
    this.current = new ConcurrentHashMap<>(Math.max(16, expected));
  }

  private static int peekCount(byte[] file, int entriesAt) {
    try {
      return Math.max(0, new PayloadReader(file, entriesAt, file.length - 8 - entriesAt).readInt());
    } catch (IOException truncated) {
      return 0;
    }
  }

  /**
   * What a cached parse depends on besides the file: the packer build that parsed it (its jar's
   * size and time; classes from a folder, as in tests, count as one build) and the asset types.
   */
  public static String fingerprint(AssetTypes types) {
    String build = "classes";
    try {
      var source = ScanCache.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        Path location = Path.of(source.getLocation().toURI());
        if (Files.isRegularFile(location)) {
          build = Files.size(location) + "@" + Files.getLastModifiedTime(location).toMillis();
        }
      }
    } catch (IOException | RuntimeException | java.net.URISyntaxException unknown) {
      build = "unknown " + System.nanoTime(); // Then no cache is ever trusted.
    }
    return "format " + FORMAT + "; build " + build + "; types " + types.fingerprint();
  }

  /** A cache that never hits and never saves: every read is a full read. */
  public static ScanCache disabled() {
    return new ScanCache(null, "", false, null, 0, Map.of(), Map.of(), 0, 0);
  }

  /**
   * The cache of {@code root} as last saved, if it was saved for the same {@code fingerprint} (the
   * packer build and the asset types) and this workspace path; otherwise an empty one.
   */
  public static ScanCache load(Path root, String fingerprint) {
    return load(root, fingerprint, nowNanos());
  }

  /**
   * As {@link #load(Path, String)}, for a read that began at {@code startNanos} (from {@link
   * #nowNanos()}, taken before any file of the read was stat-ed). Only the folder listings are
   * read here; the files' entries are parsed when first asked for, on whichever thread asks.
   */
  public static ScanCache load(Path root, String fingerprint, long startNanos) {
    try {
      byte[] bytes = Files.readAllBytes(root.resolve(FILE));
      if (bytes.length >= 8 + Long.BYTES && checksumMatches(bytes)) {
        PayloadReader in = new PayloadReader(bytes, 0, bytes.length - 8);
        if (in.readLong() == MAGIC && in.readInt() == FORMAT && in.readString().equals(fingerprint)
            && in.readString().equals(root.toString())) {
          long savedStart = in.readLong();
          int sectionLength = in.readInt();
          int sectionAt = in.position();
          in.skip(sectionLength);
          ByteBuffer section = ByteBuffer.wrap(bytes, sectionAt, sectionLength).slice();
          Map<String, Listing> listings = new HashMap<>();
          for (int roots = in.readInt(); roots > 0; roots--) {
            String path = in.readString();
            listings.put(path, Listing.read(section, in.readInt()));
          }
          return new ScanCache(root, fingerprint, true, bytes, in.position(), null, listings, savedStart,
              startNanos);
        }
      }
    } catch (IOException | RuntimeException unusable) {
      // Missing, truncated or not ours: a full read rebuilds it.
    }
    return new ScanCache(root, fingerprint, true, null, 0, Map.of(), Map.of(), 0, startNanos);
  }

  /** The entries of the loaded file, parsed once. */
  private Map<String, Entry> previous() {
    Map<String, Entry> parsed = previous;
    return parsed != null ? parsed : parsePrevious();
  }

  private synchronized Map<String, Entry> parsePrevious() {
    if (previous == null) {
      Map<String, Entry> entries = new HashMap<>();
      try {
        PayloadReader in = new PayloadReader(file, entriesAt, file.length - 8 - entriesAt);
        int count = in.readInt();
        entries = new HashMap<>(count * 4 / 3 + 1);
        for (int i = 0; i < count; i++) {
          String name = in.readString();
          StatKey key = new StatKey(in.readLong(), in.readLong(), in.readInt());
          int length = in.readInt();
          int offset = in.position();
          in.skip(length);
          entries.put(name, new Entry(key, file, offset, length));
        }
        if (!in.atEnd()) {
          entries.clear();
        }
      } catch (IOException | RuntimeException unusable) {
        entries.clear();
      }
      previous = entries;
      file = null;
    }
    return previous;
  }

  /**
   * A cache for the next read of the same workspace in this process, starting from what this one
   * holds, without reading the file again.
   */
  public ScanCache next() {
    return next(nowNanos());
  }

  /** As {@link #next()}, for a read that began at {@code startNanos} (see {@link #load(Path, String, long)}). */
  public ScanCache next(long startNanos) {
    if (!enabled) {
      return this;
    }
    return new ScanCache(root, fingerprint, true, null, 0, Map.copyOf(current), Map.copyOf(currentListings),
        this.startNanos, startNanos);
  }

  /**
   * The payload cached under {@code name} if the file still has stat {@code key} and that stat is
   * old enough to trust; it is then kept for the next save. Null otherwise: read the file and
   * {@link #put} what it gave.
   */
  public PayloadReader get(String name, StatKey key) {
    Entry entry = previous().get(name);
    if (entry == null || !entry.key().equals(key) || key.modifiedNanos() >= previousStartNanos - RACY_MARGIN_NANOS) {
      return null;
    }
    current.put(name, entry);
    return entry.reader();
  }

  public void put(String name, StatKey key, byte[] payload) {
    if (enabled) {
      current.put(name, new Entry(key, payload, 0, payload.length));
      changed = true;
    }
  }

  /** Whether listings are kept at all (a disabled cache keeps none, so the walk lists every folder). */
  boolean keepsListings() {
    return enabled && FolderKey.SUPPORTED;
  }

  /** The listing of the folder at {@code path} (a scan root) as last walked, or null. */
  Listing listing(String path) {
    return previousListings.get(path);
  }

  /**
   * Whether a cached listing of a folder that now has {@code key} still holds: the same key, and
   * not racy (a folder changed in the same clock tick as the listing could keep its times).
   */
  boolean trusts(Listing cached, FolderKey key) {
    return cached != null && cached.key.equals(key) && key.latestNanos() < previousStartNanos - RACY_MARGIN_NANOS;
  }

  /**
   * Keeps the listing this walk made of the scan root at {@code path}, with the ones below it.
   *
   * @param listedAgain whether any folder of it was read from disk (else it is the one loaded)
   */
  void keepListing(String path, Listing listing, boolean listedAgain) {
    if (enabled) {
      currentListings.put(path, listing);
      if (listedAgain) {
        changed = true;
      }
    }
  }

  /**
   * Writes what this read used, if it differs from what was loaded; silently does nothing when it
   * cannot (no {@code .packer} folder, read-only disk, full disk).
   */
  public void save() {
    if (!enabled || (!changed && current.size() == previous().size()
        && currentListings.keySet().equals(previousListings.keySet()))) {
      return;
    }
    Path file = root.resolve(FILE);
    if (!Files.isDirectory(file.getParent().getParent())) {
      return; // No .packer here; making one would leave an unignored folder in the tree.
    }
    Path temp = file.resolveSibling("scan." + ProcessHandle.current().pid() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.write(temp, encode());
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException cannotKeepIt) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException | RuntimeException ignored) {
        // Nothing more to do for a hint.
      }
    }
  }

  private byte[] encode() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + current.size() * 128);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeLong(MAGIC);
    out.writeInt(FORMAT);
    writeString(out, fingerprint);
    writeString(out, root.toString());
    out.writeLong(startNanos);
    // The same cache, the same bytes: roots and entries in order.
    Map<String, Listing> listings = new java.util.TreeMap<>(currentListings);
    ByteArrayOutputStream sectionBytes = new ByteArrayOutputStream(64 + listings.size() * 64);
    DataOutputStream section = new DataOutputStream(sectionBytes);
    Map<String, Integer> rootsAt = new java.util.TreeMap<>();
    for (Map.Entry<String, Listing> listing : listings.entrySet()) {
      rootsAt.put(listing.getKey(), listing.getValue().writeTo(section));
    }
    section.flush();
    out.writeInt(sectionBytes.size());
    sectionBytes.writeTo(out);
    out.writeInt(rootsAt.size());
    for (Map.Entry<String, Integer> rootAt : rootsAt.entrySet()) {
      writeString(out, rootAt.getKey());
      out.writeInt(rootAt.getValue());
    }
    Map<String, Entry> entries = new java.util.TreeMap<>(current);
    out.writeInt(entries.size());
    for (Map.Entry<String, Entry> entry : entries.entrySet()) {
      writeString(out, entry.getKey());
      StatKey key = entry.getValue().key();
      out.writeLong(key.size());
      out.writeLong(key.modifiedNanos());
      out.writeInt(key.fileKey());
      out.writeInt(entry.getValue().length());
      out.write(entry.getValue().bytes(), entry.getValue().offset(), entry.getValue().length());
    }
    out.flush();
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeLong(crc.getValue());
    out.flush();
    return bytes.toByteArray();
  }

  private static boolean checksumMatches(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    return crc.getValue() == ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
  }

  /** The wall clock in nanoseconds since the epoch, as file times are kept. */
  public static long nowNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** A string of any length (writeUTF stops at 64 KiB), as its UTF-8 bytes. */
  public static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }
}
