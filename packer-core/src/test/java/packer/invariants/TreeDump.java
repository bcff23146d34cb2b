package packer.invariants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import packer.scan.Sha256;
import packer.workspace.Workspace;

/**
 * Every file and folder of a workspace with a hash of its bytes, to show that a rejected command
 * wrote nothing. The local state folder is left out: the lock lives there, and it is never
 * authority.
 */
final class TreeDump {

  private TreeDump() {}

  static SortedMap<String, String> of(Path root) throws IOException {
    SortedMap<String, String> entries = new TreeMap<>();
    Path local = root.resolve(Workspace.LOCAL_FOLDER);
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (path.equals(root) || path.startsWith(local)) {
          continue;
        }
        String relative = root.relativize(path).toString().replace('\\', '/');
        entries.put(relative, Files.isDirectory(path) ? "folder" : Sha256.hex(Files.readAllBytes(path)));
      }
    }
    return entries;
  }
}
