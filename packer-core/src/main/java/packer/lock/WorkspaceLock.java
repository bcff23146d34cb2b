package packer.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer guard across processes: an OS lock on {@code .packer/lock}, held for as long as
 * the writer lives and released by the kernel when its process dies, so never stale.
 *
 * <p>The lock file is never opened for anything else: on POSIX, closing any descriptor of a locked
 * file drops the lock. Who holds it is written to a separate file, {@code .packer/owner}.
 */
public final class WorkspaceLock implements AutoCloseable {

  public static final String LOCK_FILE = ".packer/lock";
  public static final String OWNER_FILE = ".packer/owner";

  // The OS lock belongs to the whole process, so the guard against a second holder inside this JVM
  // must be process-wide too; a second tryLock here would throw OverlappingFileLockException.
  private static final Set<Path> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

  private final Path realRoot;
  private final FileChannel channel;
  private final FileLock lock;

  private WorkspaceLock(Path realRoot, FileChannel channel, FileLock lock) {
    this.realRoot = realRoot;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the workspace's write lock, or fails at once naming the holder.
   *
   * @param purpose what the holder is doing, shown to anyone who finds the workspace busy
   */
  public static WorkspaceLock acquire(Path root, String purpose) throws IOException, WorkspaceLockedException {
    Path realRoot = root.toRealPath();
    Path lockFile = realRoot.resolve(LOCK_FILE);
    Files.createDirectories(lockFile.getParent());
    if (!HELD_IN_THIS_PROCESS.add(realRoot)) {
      throw new WorkspaceLockedException(realRoot, "this process (" + describeOwner(realRoot) + ")");
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        HELD_IN_THIS_PROCESS.remove(realRoot);
        throw new WorkspaceLockedException(realRoot, describeOwner(realRoot));
      }
      String owner = "pid " + ProcessHandle.current().pid() + ": " + purpose + "\n";
      Files.write(realRoot.resolve(OWNER_FILE), owner.getBytes(StandardCharsets.UTF_8));
      return new WorkspaceLock(realRoot, channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      HELD_IN_THIS_PROCESS.remove(realRoot);
      throw new WorkspaceLockedException(realRoot, "this process");
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      HELD_IN_THIS_PROCESS.remove(realRoot);
      throw e;
    }
  }

  /** Who holds the lock, as its owner file says; a hint only, written after the lock was taken. */
  public static String describeOwner(Path root) {
    try {
      return new String(Files.readAllBytes(root.resolve(OWNER_FILE)), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "another packer process";
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      HELD_IN_THIS_PROCESS.remove(realRoot);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing more to release.
      }
    }
  }
}
