package packer.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import packer.processor.Processors;
import packer.snapshot.Snapshot;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * A workspace written file by file, without packer: {@code workspace("game").asset(id, folder,
 * name, type).input("a.txt", "...")...create(dir)}. Registry records are written by hand, so the
 * same registry can be recreated in any file order.
 */
final class BuildFixture {

  private record File(String path, byte[] bytes) {}

  private final String name;
  private final List<File> files = new ArrayList<>();
  private boolean reversed;

  private BuildFixture(String name) {
    this.name = name;
  }

  static BuildFixture workspace(String name) {
    return new BuildFixture(name);
  }

  /** A registered asset with one input file holding {@code content}. */
  BuildFixture asset(String id, String folder, String assetName, String type, String input, String content) {
    return asset(id, folder, assetName, type, input, content.getBytes(StandardCharsets.UTF_8));
  }

  BuildFixture asset(String id, String folder, String assetName, String type, String input, byte[] content) {
    files.add(new File(folder + "/" + input, content));
    files.add(new File(folder + "/asset.json",
        ("{\n  \"name\": \"" + assetName + "\",\n  \"type\": \"" + type + "\",\n  \"inputs\": [\""
            + input + "\"]\n}\n").getBytes(StandardCharsets.UTF_8)));
    files.add(new File("registry/" + id.substring(0, 2) + "/" + id.substring(2) + ".json",
        ("{\"folder\":\"" + folder + "\",\"id\":\"" + id + "\"}\n").getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  /** Writes the files in the reverse of the order they were given. */
  BuildFixture reversed() {
    this.reversed = true;
    return this;
  }

  Path create(Path dir) {
    try {
      Path root = Workspace.init(dir, name);
      List<File> order = new ArrayList<>(files);
      if (reversed) {
        Collections.reverse(order);
      }
      for (File file : order) {
        Path target = root.resolve(file.path());
        Files.createDirectories(target.getParent());
        Files.write(target, file.bytes());
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds the workspace at {@code root} with {@code threads} threads into its configured output. */
  static BuildResult build(Path root, int threads) throws Exception {
    try (Workspace ws = Workspace.openForReading(root, Options.defaults())) {
      return build(ws.root(), ws.snapshot(), threads);
    }
  }

  static BuildResult build(Path root, Snapshot snapshot, int threads) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      return new Build(Processors.builtIn(), executor, "test")
          .run(root, snapshot, Build.outputOf(root, snapshot));
    } finally {
      executor.shutdownNow();
    }
  }

  /** Three assets whose id order differs from their folder order, one text input with CRLF. */
  static BuildFixture small() {
    return workspace("game")
        .asset("f00000000000000a", "assets/alpha", "alpha", "text", "alpha.txt", "one\r\ntwo\r\n")
        .asset("1000000000000000", "assets/zulu", "zulu", "blob", "zulu.bin", "zulu bytes")
        .asset("8000000000000000", "assets/mid", "Mid Ü", "json", "mid.json", "{ \"b\": 1, \"a\": [1, 2] }");
  }
}
