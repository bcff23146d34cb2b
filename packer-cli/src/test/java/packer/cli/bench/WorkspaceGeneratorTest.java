package packer.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.build.Build;
import packer.build.BuildResult;
import packer.processor.Processors;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;
import packer.workspace.Options;
import packer.workspace.Workspace;

class WorkspaceGeneratorTest {

  @TempDir Path dir;

  private static WorkspaceGenerator generator(int assets, long seed) {
    return new WorkspaceGenerator(new WorkspaceGenerator.Settings(assets, seed, OptionalLong.empty()), 2);
  }

  @Test
  void theSameSeedGivesTheSameFilesWithTheSameBytes() throws IOException {
    generator(50, 7).generate(dir.resolve("a"));
    new WorkspaceGenerator(new WorkspaceGenerator.Settings(50, 7, OptionalLong.empty()), 1).generate(dir.resolve("b"));

    assertThat(contents(dir.resolve("b"))).isEqualTo(contents(dir.resolve("a")));
  }

  @Test
  void anotherSeedGivesAnotherWorkspace() throws IOException {
    generator(50, 7).generate(dir.resolve("a"));
    generator(50, 8).generate(dir.resolve("b"));

    assertThat(contents(dir.resolve("b")).keySet()).isNotEqualTo(contents(dir.resolve("a")).keySet());
  }

  @Test
  void theWorkspaceOpensWithEveryAssetRegisteredAndNoDiagnostics() throws IOException, Exception {
    generator(50, 7).generate(dir.resolve("ws"));

    try (Workspace workspace = Workspace.openForReading(dir.resolve("ws"), Options.defaults())) {
      Snapshot snapshot = workspace.snapshot();
      assertThat(snapshot.diagnostics()).isEmpty();
      assertThat(snapshot.assets()).hasSize(50).allSatisfy(asset -> {
        assertThat(asset.state()).isEqualTo(AssetState.REGISTERED);
        assertThat(asset.inputs()).hasSizeBetween(1, 3);
      });
    }
  }

  @Test
  void assetsLieOneToFourFoldersDeepUnderAssets() throws Exception {
    generator(200, 3).generate(dir.resolve("ws"));

    Set<Integer> depths = new HashSet<>();
    try (Workspace workspace = Workspace.openForReading(dir.resolve("ws"), Options.defaults())) {
      for (Asset asset : workspace.snapshot().assets()) {
        assertThat(asset.folder()).startsWith("assets/");
        depths.add(asset.folder().split("/").length - 1);
      }
    }
    assertThat(depths).containsExactlyInAnyOrder(1, 2, 3, 4);
  }

  @Test
  void inputSizesAddUpToTheRequestedTotal() throws Exception {
    new WorkspaceGenerator(new WorkspaceGenerator.Settings(40, 5, OptionalLong.of(1_000_000)), 2)
        .generate(dir.resolve("ws"));

    long total = 0;
    try (Workspace workspace = Workspace.openForReading(dir.resolve("ws"), Options.defaults())) {
      for (Asset asset : workspace.snapshot().assets()) {
        for (var input : asset.inputs()) {
          total += input.size();
        }
      }
    }
    assertThat(total).isEqualTo(1_000_000);
  }

  @Test
  void aOneInputWorkspaceHasTheSameAssetsWithOneInputEachAndBuilds() throws Exception {
    generator(60, 4).generate(dir.resolve("many"));
    new WorkspaceGenerator(new WorkspaceGenerator.Settings(60, 4, OptionalLong.of(300_000), true), 2)
        .generate(dir.resolve("one"));

    Map<String, Integer> folders = new TreeMap<>();
    try (Workspace many = Workspace.openForReading(dir.resolve("many"), Options.defaults())) {
      many.snapshot().assets().forEach(asset -> folders.put(asset.folder(), asset.inputs().size()));
    }
    assertThat(folders.values()).contains(2, 3);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try (Workspace one = Workspace.openForReading(dir.resolve("one"), Options.defaults())) {
      Snapshot snapshot = one.snapshot();
      assertThat(snapshot.assets()).extracting(Asset::folder).containsExactlyInAnyOrderElementsOf(folders.keySet());
      assertThat(snapshot.assets()).allSatisfy(asset -> assertThat(asset.inputs()).hasSize(1));

      BuildResult built = new Build(Processors.builtIn(), executor, "test")
          .run(one.root(), snapshot, dir.resolve("out"));
      assertThat(built.entries()).hasSize(60);
      assertThat(built.bytesIn()).isEqualTo(300_000);
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void refusesAFolderThatIsNotEmpty() throws IOException {
    Files.createDirectories(dir.resolve("ws"));
    Files.writeString(dir.resolve("ws/notes.txt"), "mine");

    assertThatThrownBy(() -> generator(5, 1).generate(dir.resolve("ws"))).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(dir.resolve("ws/notes.txt"))).isEqualTo("mine");
  }

  /** Every file under {@code root} (local state under .packer/ aside), by relative path, with its bytes. */
  private static Map<String, List<Byte>> contents(Path root) throws IOException {
    Map<String, List<Byte>> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String relative = root.relativize(path).toString().replace('\\', '/');
        if (Files.isRegularFile(path) && !relative.startsWith(".packer/")) {
          byte[] bytes = Files.readAllBytes(path);
          Byte[] boxed = new Byte[bytes.length];
          for (int i = 0; i < bytes.length; i++) {
            boxed[i] = bytes[i];
          }
          files.put(relative, List.of(boxed));
        }
      }
    }
    return files;
  }
}
