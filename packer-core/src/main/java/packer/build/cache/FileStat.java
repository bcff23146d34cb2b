package packer.build.cache;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What one {@code stat} of a file says, enough to tell that it has not changed: size,
 * modification and status-change times in nanoseconds, and the file's identity on its device.
 *
 * <p>The status-change time ({@code ctime}) is what makes this trustworthy: anyone can set a
 * file's modification time back, nobody can set its ctime, which every write, rename, chmod or
 * time change moves to "now". Where the platform has no ctime (Windows), the creation time
 * stands in and the modification time alone decides.
 *
 * @param key the device and inode ({@code dev:ino}), or the platform's file key, or empty
 */
public record FileStat(long size, long modifiedNanos, long changedNanos, String key) {

  private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

  /** Below a second: a file system that keeps sub-second times has at most a clock tick of lag. */
  static final long FINE_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** Times in whole seconds (ext3, HFS+, FAT's two seconds): a whole granule may go unseen. */
  static final long COARSE_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(3);

  public FileStat {
    Objects.requireNonNull(key, "key");
  }

  /** Stats {@code file}, following links as reading it does. */
  public static FileStat of(Path file) throws IOException {
    if (UNIX) {
      Map<String, Object> unix = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,dev,ino");
      return new FileStat(
          (Long) unix.get("size"),
          nanos((FileTime) unix.get("lastModifiedTime")),
          nanos((FileTime) unix.get("ctime")),
          unix.get("dev") + ":" + unix.get("ino"));
    }
    BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
    Object fileKey = basic.fileKey();
    return new FileStat(
        basic.size(),
        nanos(basic.lastModifiedTime()),
        nanos(basic.creationTime()),
        fileKey == null ? "" : fileKey.toString().replaceAll("\\s", "_"));
  }

  /** The modification time in milliseconds, as snapshots record it. */
  public long modifiedMillis() {
    return Math.floorDiv(modifiedNanos, 1_000_000L);
  }

  /**
   * Whether a change made at or after {@code referenceNanos} (wall clock) would surely show in
   * this stat: its times are older than the reference by more than the file system's timestamp
   * granularity. Otherwise the file is <em>racy</em>, as git calls it: it may have been written
   * again within the same clock tick, keeping size and times, and must be hashed again.
   */
  public boolean settledBefore(long referenceNanos) {
    long latest = Math.max(modifiedNanos, changedNanos);
    long margin = latest % 1_000_000_000L == 0 ? COARSE_MARGIN_NANOS : FINE_MARGIN_NANOS;
    return latest < referenceNanos - margin;
  }

  private static long nanos(FileTime time) {
    return time == null ? 0 : time.to(TimeUnit.NANOSECONDS);
  }
}
