package packer.scan;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a stat says of a folder that changes whenever an entry is created, removed or renamed in
 * it: its change time (ctime) in nanoseconds, which the kernel sets on each such change and no
 * user can set back (a tool that restores the folder's modification time, as tar and rsync do,
 * moves it too), its modification time, and its device and inode (a folder replaced by another is
 * another inode). A folder's size only changes with its entries, so the change time covers it.
 */
record FolderKey(long modifiedNanos, long changedNanos, long device, long inode) {

  private static final String ATTRIBUTES = "unix:lastModifiedTime,ctime,dev,ino";

  /** Whether this file system tells a folder's change time: without it no listing is cached. */
  static final boolean SUPPORTED = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

  // Written out for the same reason as Digest's: the walk compares keys of every folder.
  @Override
  public boolean equals(Object other) {
    return other instanceof FolderKey that && modifiedNanos == that.modifiedNanos
        && changedNanos == that.changedNanos && device == that.device && inode == that.inode;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(31 * (31 * (31 * modifiedNanos + changedNanos) + device) + inode);
  }

  /** The key of the folder {@code dir}, not following a link. */
  static FolderKey of(Path dir) throws IOException {
    Map<String, Object> stat = Files.readAttributes(dir, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    return new FolderKey(nanos(stat.get("lastModifiedTime")), nanos(stat.get("ctime")),
        ((Number) stat.get("dev")).longValue(), ((Number) stat.get("ino")).longValue());
  }

  /** The later of the two times (a folder's ctime is never older than its mtime, but say so here). */
  long latestNanos() {
    return Math.max(modifiedNanos, changedNanos);
  }

  private static long nanos(Object time) {
    return ((FileTime) time).to(TimeUnit.NANOSECONDS);
  }
}
