package packer.build.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import packer.scan.Sha256;

/**
 * The file-fingerprint index: for each input file (workspace-relative path) the stat it had and
 * the SHA-256 of its content then, so a rebuild stats unchanged inputs instead of reading them.
 *
 * <p><b>When a fingerprint is trusted.</b> Only when the file's stat is exactly the recorded one
 * (size, modification and change times to the nanosecond, device and inode) <em>and</em> the
 * recorded times were safely older than the start of the build that hashed the file (see {@link
 * FileStat#settledBefore}). A file written in the same clock tick as it was hashed could change
 * again without its stat showing it; such racy entries are hashed again at the next build, as git
 * does with racily clean index entries.
 *
 * <p>The file ends with a checksum of its lines: a damaged or truncated index is ignored whole
 * (every input is hashed again), never half trusted. Safe to use from many threads; saved
 * atomically, so concurrent builds each leave a consistent index (the last one wins).
 */
public final class Fingerprints {

  private static final String MAGIC = "packer-fingerprints 1";

  record Entry(FileStat stat, String sha256) {}

  private final long referenceNanos;
  private final Map<String, Entry> old;
  private final Map<String, Entry> fresh = new ConcurrentHashMap<>();

  private Fingerprints(long referenceNanos, Map<String, Entry> old) {
    this.referenceNanos = referenceNanos;
    this.old = old;
  }

  /** An index that knows nothing: every file is hashed. */
  public static Fingerprints empty() {
    return new Fingerprints(Long.MIN_VALUE, Map.of());
  }

  /** The index saved at {@code file}, or an empty one when it is missing or damaged. */
  public static Fingerprints load(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return empty();
    }
    // Parsed from the bytes in place: a copy of the text, its lines and fields would be several
    // times the file's size in garbage, on every build.
    int end = lastIndexOf(bytes, TRAILER);
    byte[] magic = (MAGIC + "\n").getBytes(StandardCharsets.UTF_8);
    if (end < 0 || bytes.length == 0 || bytes[bytes.length - 1] != '\n'
        || !java.util.Arrays.equals(bytes, 0, Math.min(magic.length, bytes.length), magic, 0, magic.length)) {
      return empty();
    }
    MessageDigest digest = Sha256.newDigest();
    digest.update(bytes, 0, end);
    String seal = new String(bytes, end + TRAILER.length, bytes.length - 1 - end - TRAILER.length,
        StandardCharsets.UTF_8);
    if (!seal.equals(HexFormat.of().formatHex(digest.digest()))) {
      return empty();
    }
    try {
      Cursor at = new Cursor(bytes, magic.length, end);
      at.expect("reference ");
      long reference = at.number('\n');
      Map<String, Entry> entries = new TreeMap<>();
      while (at.position < end) {
        String sha256 = at.text('\t');
        long size = at.number('\t');
        long modified = at.number('\t');
        long changed = at.number('\t');
        String key = at.text('\t');
        String path = at.text('\n');
        entries.put(path, new Entry(new FileStat(size, modified, changed, key), sha256));
      }
      return new Fingerprints(reference, entries);
    } catch (RuntimeException e) {
      return empty();
    }
  }

  private static final byte[] TRAILER = "end ".getBytes(StandardCharsets.UTF_8);

  private static int lastIndexOf(byte[] bytes, byte[] what) {
    for (int i = bytes.length - what.length; i >= 0; i--) {
      if (java.util.Arrays.equals(bytes, i, i + what.length, what, 0, what.length)) {
        return i;
      }
    }
    return -1;
  }

  /** Reads the fields of the index's lines; any surprise is an exception, and the index is ignored. */
  private static final class Cursor {
    private final byte[] bytes;
    private final int end;
    int position;

    Cursor(byte[] bytes, int position, int end) {
      this.bytes = bytes;
      this.position = position;
      this.end = end;
    }

    void expect(String ascii) {
      for (int i = 0; i < ascii.length(); i++) {
        if (position >= end || bytes[position++] != ascii.charAt(i)) {
          throw new IllegalArgumentException("expected " + ascii);
        }
      }
    }

    /** A decimal number, possibly negative, ended by {@code stop}. */
    long number(char stop) {
      int from = position;
      int to = until(stop);
      return Long.parseLong(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
    }

    /** UTF-8 text ended by {@code stop}. */
    String text(char stop) {
      int from = position;
      int to = until(stop);
      return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    private int until(char stop) {
      int to = position;
      while (to < end && bytes[to] != stop) {
        to++;
      }
      if (to == end) {
        throw new IllegalArgumentException("unterminated field");
      }
      position = to + 1;
      return to;
    }
  }

  /** The content hash of {@code path}, if its fingerprint is trusted for {@code stat}. */
  public Optional<String> lookup(String path, FileStat stat) {
    Entry entry = fresh.get(path);
    if (entry == null) {
      entry = old.get(path);
    }
    if (entry != null && entry.stat().equals(stat) && stat.settledBefore(referenceNanos)) {
      fresh.put(path, entry);
      return Optional.of(entry.sha256());
    }
    return Optional.empty();
  }

  /** Records that {@code path}, with {@code stat} before and after it was read, hashes to {@code sha256}. */
  public void record(String path, FileStat stat, String sha256) {
    if (path.indexOf('\t') < 0 && path.indexOf('\n') < 0) {
      fresh.put(path, new Entry(stat, sha256));
    }
  }

  /**
   * Whether saving would change what the index says: a file was hashed, or one it knew was not
   * looked up. When every file it knew was looked up and trusted as it was, and no other, the
   * saved index would differ only in its reference time, which decides nothing for entries that
   * were settled already, so a no-op build need not write it again.
   */
  public boolean changedSinceLoad() {
    if (fresh.size() != old.size()) {
      return true;
    }
    for (Map.Entry<String, Entry> entry : fresh.entrySet()) {
      if (old.get(entry.getKey()) != entry.getValue()) {
        return true;
      }
    }
    return false;
  }

  /** How many files the index knew when loaded. */
  public int loadedSize() {
    return old.size();
  }

  /**
   * Saves what this build looked up or recorded (only those: files no longer inputs drop out) to
   * {@code file}, with {@code startNanos}, the wall-clock time the build started, as the reference
   * for racy checks next time.
   */
  public void save(Path file, long startNanos) throws IOException {
    save(file, startNanos, Set.copyOf(fresh.keySet()));
  }

  /** As {@link #save(Path, long)}, keeping only the fingerprints of {@code paths}, old or fresh. */
  public void save(Path file, long startNanos, Set<String> paths) throws IOException {
    Map<String, Entry> kept = new TreeMap<>();
    for (String path : paths) {
      Entry entry = fresh.get(path);
      if (entry == null) {
        entry = old.get(path);
        if (entry == null || !entry.stat().settledBefore(referenceNanos)) {
          continue; // a racy entry must not become trusted under a later reference
        }
      }
      kept.put(path, entry);
    }
    // Entries carried over from an older index were settled against an older reference, so
    // against this later one too; entries hashed now are judged against this build's start.
    StringBuilder text = new StringBuilder(MAGIC).append('\n').append("reference ").append(startNanos).append('\n');
    kept.forEach((path, entry) -> text.append(entry.sha256()).append('\t')
        .append(entry.stat().size()).append('\t')
        .append(entry.stat().modifiedNanos()).append('\t')
        .append(entry.stat().changedNanos()).append('\t')
        .append(entry.stat().key()).append('\t')
        .append(path).append('\n'));
    String body = text.toString();
    String sealed = body + "end " + Sha256.hex(body.getBytes(StandardCharsets.UTF_8)) + "\n";
    AtomicFiles.write(file, sealed.getBytes(StandardCharsets.UTF_8));
  }

  /** The paths the loaded index knew. */
  public Set<String> loadedPaths() {
    return Set.copyOf(old.keySet());
  }
}
