package packer.scan;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What a stat says of a file that changes when its content does: size, modification time in
 * nanoseconds, and its file key (device and inode on Unix), which a replacing write such as git
 * checkout's changes even when size and time come out the same.
 */
public record StatKey(long size, long modifiedNanos, int fileKey) {

  // Written out for the same reason as Digest's.
  @Override
  public boolean equals(Object other) {
    return other instanceof StatKey that && size == that.size && modifiedNanos == that.modifiedNanos
        && fileKey == that.fileKey;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(size) + Long.hashCode(modifiedNanos)) + fileKey;
  }

  public static StatKey of(BasicFileAttributes attributes) {
    Object key = attributes.fileKey();
    return new StatKey(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
        key == null ? 0 : key.hashCode());
  }
}
