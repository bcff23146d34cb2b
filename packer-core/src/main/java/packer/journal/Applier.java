package packer.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import packer.fs.Disk;

/** What journal operations need to apply themselves: the disk seam and the workspace root. */
final class Applier {
  private final Disk disk;
  private final Path root;

  Applier(Disk disk, Path root) {
    this.disk = disk;
    this.root = root;
  }

  Disk disk() {
    return disk;
  }

  Path resolve(String workspacePath) {
    return root.resolve(workspacePath);
  }

  /** Creates {@code folder} and its missing parents, each made durable in its parent. */
  void ensureFolder(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    ensureFolder(folder.getParent());
    disk.createDirectory(folder);
    disk.syncDirectory(folder.getParent());
  }

  void syncIfPresent(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      disk.syncDirectory(folder);
    }
  }
}
