package packer.cli.repro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Copies of a workspace's authored files (everything but {@code build/} and {@code .packer/}), made
 * file by file in a chosen order. On most file systems a directory lists its entries in an order
 * that depends on the order they were created, so a shuffled copy is read in another order.
 */
public final class WorkspaceCopy {

  private WorkspaceCopy() {}

  /** Copies in sorted order (parents before children, siblings by name). */
  public static Path sorted(Path workspace, Path target) {
    List<Path> files = authoredFiles(workspace);
    Collections.sort(files);
    return copy(workspace, files, target);
  }

  /** Copies in an order shuffled by {@code new Random(seed)}; folders appear as first needed. */
  public static Path shuffled(Path workspace, Path target, long seed) {
    List<Path> files = authoredFiles(workspace);
    Collections.sort(files);
    Collections.shuffle(files, new Random(seed));
    return copy(workspace, files, target);
  }

  /**
   * Every folder under {@code root} (relative, {@code /}-separated) with its entries in the order
   * the file system lists them, which is what a build that forgot to sort would see.
   */
  public static Map<String, List<String>> listingOrder(Path root) {
    Map<String, List<String>> orders = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path folder : walk.filter(Files::isDirectory).toList()) {
        try (Stream<Path> entries = Files.list(folder)) {
          orders.put(relative(root, folder), entries.map(entry -> entry.getFileName().toString()).toList());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return orders;
  }

  /**
   * The first of {@code candidates} (existing folders) whose file system lists a folder's entries
   * in an order that follows their creation order, as tmpfs does (newest first); ext4 lists them in
   * the order of a hash of their names, whatever the order they were made in.
   */
  public static Optional<Path> firstKeepingCreationOrder(List<Path> candidates) {
    for (Path candidate : candidates) {
      if (Files.isDirectory(candidate) && Files.isWritable(candidate) && listsInCreationOrder(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean listsInCreationOrder(Path parent) {
    try {
      Path probe = Files.createTempDirectory(parent, "listing-probe-");
      try {
        List<String> names = List.of("b", "d", "a", "c");
        Path forward = Files.createDirectory(probe.resolve("forward"));
        Path backward = Files.createDirectory(probe.resolve("backward"));
        for (int i = 0; i < names.size(); i++) {
          Files.createFile(forward.resolve(names.get(i)));
          Files.createFile(backward.resolve(names.get(names.size() - 1 - i)));
        }
        return !listingOrder(forward).get("").equals(listingOrder(backward).get(""));
      } finally {
        delete(probe);
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes {@code root} and everything under it. */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static Path copy(Path workspace, List<Path> files, Path target) {
    try {
      for (Path file : files) {
        Path to = target.resolve(workspace.relativize(file).toString());
        Files.createDirectories(to.getParent());
        Files.copy(file, to);
      }
      Files.createDirectories(target.resolve(".packer"));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> authoredFiles(Path workspace) {
    try (Stream<Path> walk = Files.walk(workspace)) {
      return new ArrayList<>(walk.filter(Files::isRegularFile)
          .filter(file -> {
            String relative = relative(workspace, file);
            return !relative.startsWith("build/") && !relative.startsWith(".packer/");
          })
          .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }
}
