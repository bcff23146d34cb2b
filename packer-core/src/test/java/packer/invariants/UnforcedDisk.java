package packer.invariants;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import packer.fs.Disk;

/**
 * The real disk without forcing anything to stable storage. The invariants here are about what
 * the lane writes, not about surviving a power loss (the crash tests cover that), and an fsync
 * costs tens of milliseconds on some CI disks.
 */
final class UnforcedDisk implements Disk {

  @Override
  public void write(Path file, byte[] content) throws IOException {
    Files.write(file, content);
  }

  @Override
  public void copy(Path source, Path target) throws IOException {
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void move(Path source, Path target) throws IOException {
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void delete(Path path) throws IOException {
    Files.deleteIfExists(path);
  }

  @Override
  public void createDirectory(Path dir) throws IOException {
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException exists) {
      if (!Files.isDirectory(dir)) {
        throw exists;
      }
    }
  }

  @Override
  public void syncDirectory(Path dir) {
    // Nothing to force: see the class comment.
  }
}
