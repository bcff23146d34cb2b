package packer.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerLossDiskTest {

  @TempDir Path dir;
  private Path initial;
  private Path root;
  private PowerLossDisk disk;

  @BeforeEach
  void recordOnACopyOfAnInitialTree() throws IOException {
    initial = Files.createDirectories(dir.resolve("initial/ws"));
    Files.write(initial.resolve("old"), bytes("old"));
    root = dir.resolve("recorded");
    FileTrees.copy(initial, root);
    disk = new PowerLossDisk(root, new NoSyncDisk());
  }

  @Test
  void aNewFileWhoseFolderWasSyncedSurvives() throws IOException {
    disk.write(root.resolve("f"), bytes("new"));
    disk.syncDirectory(root);

    assertThat(trees(disk.operations().size())).containsExactly(tree("f=new", "old=old"));
  }

  @Test
  void aNewFileWhoseFolderWasNotSyncedMayBeLost() throws IOException {
    disk.write(root.resolve("f"), bytes("new"));

    assertThat(trees(1)).containsExactlyInAnyOrder(tree("f=new", "old=old"), tree("old=old"));
  }

  @Test
  void anUnsyncedMoveIsUndoneWhole() throws IOException {
    disk.createDirectory(root.resolve("d"));
    disk.syncDirectory(root);
    disk.move(root.resolve("old"), root.resolve("d/old"));

    assertThat(trees(3)).containsExactlyInAnyOrder(tree("d/", "d/old=old"), tree("d/", "old=old"));
  }

  @Test
  void aMoveIsDurableOnceTheSourceOrTheTargetFolderIsSynced() throws IOException {
    disk.createDirectory(root.resolve("d"));
    disk.syncDirectory(root);
    disk.move(root.resolve("old"), root.resolve("d/old"));
    disk.syncDirectory(root.resolve("d"));

    assertThat(trees(4)).containsExactly(tree("d/", "d/old=old"));
  }

  @Test
  void whatWasBuiltInALostFolderIsLostWithItHoweverWellItWasSynced() throws IOException {
    disk.createDirectory(root.resolve("d"));
    disk.write(root.resolve("d/f"), bytes("new"));
    disk.syncDirectory(root.resolve("d"));

    assertThat(trees(3)).containsExactlyInAnyOrder(tree("d/", "d/f=new", "old=old"), tree("old=old"));
  }

  @Test
  void aWriteInProgressMayLeaveItsFileAbsentEmptyOrTruncated() throws IOException {
    disk.write(root.resolve("f"), bytes("abcd"));

    assertThat(trees(0)).containsExactlyInAnyOrder(
        tree("old=old"), tree("f=", "old=old"), tree("f=ab", "old=old"));
  }

  @Test
  void aLostDeleteLeavesTheFileAndTheFolderHoldingIt() throws IOException {
    disk.createDirectory(root.resolve("d"));
    disk.write(root.resolve("d/f"), bytes("x"));
    disk.syncDirectory(root.resolve("d"));
    disk.syncDirectory(root);
    disk.delete(root.resolve("d/f"));
    disk.delete(root.resolve("d"));
    disk.syncDirectory(root);

    assertThat(trees(7)).containsExactlyInAnyOrder(tree("old=old"), tree("d/", "d/f=x", "old=old"));
  }

  @Test
  void enumeratesNoLossEachLossAloneEveryLossAndTheLossesFromEachChangeOn() throws IOException {
    disk.write(root.resolve("a"), bytes("a"));
    disk.write(root.resolve("b"), bytes("b"));
    disk.write(root.resolve("c"), bytes("c"));

    List<String> lost = new ArrayList<>();
    disk.statesAt(3).forEach(state -> lost.add(state.lost().toString()));

    assertThat(lost).containsExactly("[]", "[0]", "[1]", "[2]", "[0, 1, 2]", "[1, 2]");
    assertThat(disk.unsyncedAt(3)).containsExactly(0, 1, 2);
  }

  /** The distinct trees of the states a power loss after {@code crashPoint} steps can leave. */
  private List<SortedMap<String, String>> trees(int crashPoint) throws IOException {
    List<SortedMap<String, String>> trees = new ArrayList<>();
    int n = 0;
    for (PowerLossDisk.LostState state : disk.statesAt(crashPoint)) {
      Path target = dir.resolve("state-" + n++);
      disk.materialize(state, initial, target);
      SortedMap<String, String> tree = read(target);
      if (!trees.contains(tree)) {
        trees.add(tree);
      }
    }
    return trees;
  }

  private static SortedMap<String, String> read(Path root) throws IOException {
    SortedMap<String, String> tree = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (path.equals(root)) {
          continue;
        }
        String name = root.relativize(path).toString();
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          tree.put(name + "/", "");
        } else {
          tree.put(name, new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
        }
      }
    }
    return tree;
  }

  /** {@code "path=content"} for a file, {@code "path/"} for a folder. */
  private static SortedMap<String, String> tree(String... entries) {
    SortedMap<String, String> tree = new TreeMap<>();
    for (String entry : entries) {
      int split = entry.indexOf('=');
      if (split < 0) {
        tree.put(entry, "");
      } else {
        tree.put(entry.substring(0, split), entry.substring(split + 1));
      }
    }
    return tree;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
