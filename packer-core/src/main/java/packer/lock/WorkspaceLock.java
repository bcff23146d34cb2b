package packer.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
  // must be process-wide too. It is keyed by the lock file itself (device and inode), not by a
  // path: two paths can reach one file (a linked .packer, two mounts, a case-insensitive disk), and
  // a second channel on a file this JVM has locked must never be opened: the refusal then closes
  // it, and closing any descriptor of the file drops the lock for the whole process.
  private static final Set<Object> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

  private final Object lockIdentity;
  private final FileChannel channel;
  private final FileLock lock;

  private WorkspaceLock(Object lockIdentity, FileChannel channel, FileLock lock) {
    this.lockIdentity = lockIdentity;
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
    // Serialized so that no thread creates the lock file (opening and closing it) while another
    // opens and locks it.
    synchronized (HELD_IN_THIS_PROCESS) {
      Object identity = identityOf(lockFile);
      if (!HELD_IN_THIS_PROCESS.add(identity)) {
        throw new WorkspaceLockedException(realRoot, "this process (" + describeOwner(realRoot) + ")");
      }
      return lock(realRoot, lockFile, identity, purpose);
    }
  }

  private static WorkspaceLock lock(Path realRoot, Path lockFile, Object identity, String purpose)
      throws IOException, WorkspaceLockedException {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        HELD_IN_THIS_PROCESS.remove(identity);
        throw new WorkspaceLockedException(realRoot, describeOwner(realRoot));
      }
      String owner = "pid " + ProcessHandle.current().pid() + ": " + purpose + "\n";
      // Replaced atomically, so a process reading it while we write never sees it empty.
      Path ownerTemp = realRoot.resolve(OWNER_FILE + "." + ProcessHandle.current().pid() + ".tmp");
      Files.write(ownerTemp, owner.getBytes(StandardCharsets.UTF_8));
      Files.move(ownerTemp, realRoot.resolve(OWNER_FILE), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return new WorkspaceLock(identity, channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      HELD_IN_THIS_PROCESS.remove(identity);
      throw new WorkspaceLockedException(realRoot, "this process");
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      HELD_IN_THIS_PROCESS.remove(identity);
      throw e;
    }
  }

  /**
   * The lock file's identity on disk, creating the file if absent. Creating opens and closes a
   * descriptor, which is harmless then: nobody can hold a lock on a file that did not exist.
   */
  private static Object identityOf(Path lockFile) throws IOException {
    try {
      Files.createFile(lockFile);
    } catch (FileAlreadyExistsException alreadyThere) {
      // The usual case.
    }
    Object key = Files.readAttributes(lockFile, BasicFileAttributes.class).fileKey();
    return key != null ? key : lockFile.toRealPath();
  }

  /** Who holds the lock, as its owner file says; a hint only, written after the lock was taken. */
  public static String describeOwner(Path root) {
    try {
      String owner = new String(Files.readAllBytes(root.resolve(OWNER_FILE)), StandardCharsets.UTF_8).strip();
      return owner.isEmpty() ? "another packer process" : owner;
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
      HELD_IN_THIS_PROCESS.remove(lockIdentity);
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
