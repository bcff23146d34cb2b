package packer.build.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
    String text = new String(bytes, StandardCharsets.UTF_8);
    int end = text.lastIndexOf("end ");
    if (!text.startsWith(MAGIC + "\n") || end < 0 || !text.endsWith("\n")
        || !text.substring(end + 4, text.length() - 1).equals(Sha256.hex(text.substring(0, end).getBytes(StandardCharsets.UTF_8)))) {
      return empty();
    }
    String[] lines = text.substring(0, end).split("\n", -1);
    try {
      long reference = Long.parseLong(lines[1].substring("reference ".length()));
      Map<String, Entry> entries = new TreeMap<>();
      for (int i = 2; i < lines.length - 1; i++) {
        String[] fields = lines[i].split("\t", 6);
        entries.put(fields[5], new Entry(
            new FileStat(Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]), fields[4]),
            fields[0]));
      }
      return new Fingerprints(reference, entries);
    } catch (RuntimeException e) {
      return empty();
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
