package packer.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The effects of {@link OsDisk} without its forces: every file, folder and rename lands as it
 * would, but nothing waits for stable storage. For tests that simulate crashes rather than suffer
 * them (what a force guarantees is modelled by {@link PowerLossDisk}); a force costs milliseconds,
 * and the crash tests take thousands of steps.
 */
public final class NoSyncDisk implements Disk {

  private final OsDisk os = new OsDisk();

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
    os.move(source, target);
  }

  @Override
  public void delete(Path path) throws IOException {
    os.delete(path);
  }

  @Override
  public void createDirectory(Path dir) throws IOException {
    os.createDirectory(dir);
  }

  @Override
  public void syncDirectory(Path dir) {
    // Nothing to wait for.
  }
}
