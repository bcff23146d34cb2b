package packer.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import packer.snapshot.Asset;
import packer.snapshot.Snapshot;
import packer.workspace.NotAWorkspaceException;
import packer.workspace.Options;
import packer.workspace.Workspace;
import packer.workspace.WorkspaceConfig;

/**
 * {@code packer build} of a generated workspace against {@code tar} over the same input files (or
 * {@code tar | zstd -3}), in one run and interleaved: a cold build (no cache, no output), a no-op
 * rebuild and a rebuild after one input changed, each run. packer runs as the launcher runs it,
 * in a child process, and is only driven through its command line and {@code --json} summary, so
 * this measures whatever the build does.
 */
final class BuildBenchmark {

  private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChildProcess children;
  private final Launcher launcher;
  private final PrintWriter log;
  private final int runs;
  private final Path scratch;
  private final Map<String, String> environment = Launcher.environment();

  BuildBenchmark(ChildProcess children, Launcher launcher, PrintWriter log, int runs, Path scratch) {
    this.children = children;
    this.launcher = launcher;
    this.log = log;
    this.runs = runs;
    this.scratch = scratch;
  }

  /**
   * @param compression {@code none} or {@code zstd}: written to packer.json for the time of the
   *     measurement (the previous file is put back after)
   * @param tar GNU tar
   * @param zstd the zstd program for the zstd peer, or null for compression none
   * @param bash runs the zstd peer's pipe (with pipefail, so that a failing tar fails it)
   * @param dropCaches also time a cold build and the peer with the OS page cache dropped before each
   */
  BuildFigures measure(Fixture.Generated workspace, String compression, Path tar, Path zstd, Path bash,
      boolean dropCaches)
      throws IOException, InterruptedException {
    Path root = workspace.root();
    List<String> inputs = inputsOf(root);
    Path list = scratch.resolve("inputs-" + compression + ".list");
    Files.write(list, String.join("\0", inputs).concat("\0").getBytes(StandardCharsets.UTF_8));
    Path peerOut = scratch.resolve(zstd == null ? "peer.tar" : "peer.tar.zst");
    List<String> tarFlags = List.of("--sort=name", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner");
    List<String> peer = new ArrayList<>();
    String shown;
    if (zstd == null) {
      peer.add(tar.toString());
      peer.addAll(tarFlags);
      peer.addAll(List.of("-cf", peerOut.toString(), "-C", root.toString(), "--null", "-T", list.toString()));
      shown = "tar " + String.join(" ", tarFlags) + " -cf OUT -C ws FILES";
    } else {
      peer.addAll(List.of(bash.toString(), "-c",
          "set -o pipefail; \"$1\" " + String.join(" ", tarFlags)
              + " -cf - -C \"$2\" --null -T \"$3\" | \"$4\" -3 -q -f -o \"$5\"",
          "peer", tar.toString(), root.toString(), list.toString(), zstd.toString(), peerOut.toString()));
      shown = "tar " + String.join(" ", tarFlags) + " -cf - -C ws FILES | zstd -3 -o OUT";
    }
    BuildFigures figures = new BuildFigures(compression, shown, workspace, runs);
    Path config = root.resolve(WorkspaceConfig.FILE_NAME);
    byte[] savedConfig = Files.readAllBytes(config);
    Path changed = root.resolve(medianInput(root, inputs));
    byte[] savedInput = Files.readAllBytes(changed);
    figures.note("The changed asset's input: `" + root.relativize(changed) + "`, " + Markdown.count(savedInput.length)
        + " bytes (the median input size), rewritten with new bytes each run and put back after.");
    try {
      Files.write(config, withCompression(savedConfig, compression));
      String loadBefore = loadAverage();
      log.println("bench: build (" + compression + "), warming up: one cold build and one peer run, untimed");
      log.flush();
      cold(root, figures, null);
      Files.deleteIfExists(peerOut);
      children.runChecked(peer, environment, false);
      for (int run = 1; run <= runs; run++) {
        log.println("bench: build (" + compression + "), run " + run + "/" + runs);
        log.flush();
        boolean peerFirst = run % 2 == 1;
        if (peerFirst) {
          peer(peer, peerOut, figures, "peer");
        }
        BuildFigures.Built cold = cold(root, figures, "cold");
        if (!peerFirst) {
          peer(peer, peerOut, figures, "peer");
        }
        Path pack = root.resolve(cold.pack());
        Object before = fileKey(pack);
        BuildFigures.Built noop = build(root, figures, "noop");
        figures.noop(noop.sha256().equals(cold.sha256()), !fileKey(pack).equals(before));
        byte[] fresh = new byte[savedInput.length];
        new SplittableRandom(run).nextBytes(fresh);
        Files.write(changed, fresh);
        BuildFigures.Built change = build(root, figures, "change");
        figures.change(!change.sha256().equals(cold.sha256()));
        figures.time("version", children.runChecked(launcher.command(List.of(), "--version"), environment, false));
        figures.endRun();
      }
      if (dropCaches) {
        String why = canDropCaches();
        if (why.isEmpty()) {
          for (int run = 1; run <= runs; run++) {
            log.println("bench: build (" + compression + ") with the page cache dropped, run " + run + "/" + runs);
            log.flush();
            boolean peerFirst = run % 2 == 1;
            if (peerFirst) {
              dropCaches();
              peer(peer, peerOut, figures, "peer, dropped");
            }
            clean(root);
            dropCaches();
            cold(root, figures, "cold, dropped");
            if (!peerFirst) {
              dropCaches();
              peer(peer, peerOut, figures, "peer, dropped");
            }
            figures.endRun();
          }
        } else {
          figures.coldCache("not measured: " + why + ".");
        }
      } else {
        figures.coldCache("not measured (add `--drop-caches`; needs root: it writes /proc/sys/vm/drop_caches, which"
            + " slows every other process on the machine for a while).");
      }
      figures.load(loadBefore, loadAverage());
    } finally {
      Files.write(changed, savedInput);
      Files.write(config, savedConfig);
      Files.deleteIfExists(peerOut);
    }
    return figures;
  }

  /** A build of the workspace as it is, untimed: the pack to read. */
  Path buildOnce(Path root) throws IOException, InterruptedException {
    ChildProcess.Result result =
        children.runChecked(launcher.command(List.of(), "-C", root.toString(), "build", "--json"), environment, false);
    return root.resolve(parse(result.stdout()).pack());
  }

  /** A build with {@code .packer/cache} and the output deleted first; timed under {@code key} unless null. */
  private BuildFigures.Built cold(Path root, BuildFigures figures, String key) throws IOException, InterruptedException {
    clean(root);
    return build(root, figures, key);
  }

  private static void clean(Path root) throws IOException {
    RunCommand.deleteTree(root.resolve(".packer").resolve("cache"));
    RunCommand.deleteTree(root.resolve(outputOf(root)));
  }

  private BuildFigures.Built build(Path root, BuildFigures figures, String key) throws IOException, InterruptedException {
    ChildProcess.Result result =
        children.runChecked(launcher.command(List.of(), "-C", root.toString(), "build", "--json"), environment, false);
    BuildFigures.Built built = parse(result.stdout());
    if (key != null) {
      figures.built(key, result, built);
    }
    return built;
  }

  private void peer(List<String> peer, Path peerOut, BuildFigures figures, String key)
      throws IOException, InterruptedException {
    Files.deleteIfExists(peerOut);
    figures.time(key, children.runChecked(peer, environment, false));
    figures.peerBytes(Files.size(peerOut));
    if (key.equals("peer")) {
      figures.time("peer sync", children.runChecked(List.of("sync", peerOut.toString()), environment, false));
    }
  }

  static BuildFigures.Built parse(String json) throws IOException {
    JsonNode node = JSON.readTree(json);
    for (String key : List.of("pack", "sha256", "entries", "bytes", "cacheHits")) {
      if (node == null || !node.has(key)) {
        throw new IOException("packer build --json printed no '" + key + "': " + json.strip());
      }
    }
    return new BuildFigures.Built(node.get("pack").asText(), node.get("sha256").asText(), node.get("entries").asLong(),
        node.get("bytes").path("in").asLong(-1), node.get("bytes").path("out").asLong(-1),
        node.get("cacheHits").asLong(), node.path("millis").asLong(-1));
  }

  /** The input files of every asset, relative to the root, in name order: what tar is given. */
  static List<String> inputsOf(Path root) throws IOException {
    List<String> inputs = new ArrayList<>();
    try (Workspace workspace = Workspace.openForReading(root, Options.defaults())) {
      Snapshot snapshot = workspace.snapshot();
      for (Asset asset : snapshot.assets()) {
        asset.inputs().forEach(input -> inputs.add(asset.folder() + "/" + input.path()));
      }
    } catch (NotAWorkspaceException e) {
      throw new IOException(root + " is not a packer workspace: " + e.getMessage(), e);
    }
    inputs.sort(null);
    return inputs;
  }

  private static String outputOf(Path root) throws IOException {
    return WorkspaceConfig.parse(Files.readAllBytes(root.resolve(WorkspaceConfig.FILE_NAME)), "workspace")
        .config().output();
  }

  /** The input of median size (the first in name order among equals): a typical asset to change. */
  private static String medianInput(Path root, List<String> inputs) throws IOException {
    List<String> bySize = new ArrayList<>(inputs);
    Map<String, Long> sizes = new HashMap<>();
    for (String input : inputs) {
      sizes.put(input, Files.size(root.resolve(input)));
    }
    bySize.sort((a, b) -> Long.compare(sizes.get(a), sizes.get(b)));
    return bySize.get(bySize.size() / 2);
  }

  /** packer.json with {@code build.compression} set. */
  static byte[] withCompression(byte[] config, String compression) throws IOException {
    JsonNode node = JSON.readTree(config);
    ((ObjectNode) node.path("build")).put("compression", compression);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
  }

  private static Object fileKey(Path file) throws IOException {
    return List.of(Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS),
        Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS));
  }

  /** Empty when the page cache can be dropped here, else why not. */
  private String canDropCaches() throws IOException, InterruptedException {
    if (!Files.exists(DROP_CACHES)) {
      return DROP_CACHES + " does not exist (not Linux)";
    }
    try {
      dropCaches();
      return "";
    } catch (IOException e) {
      return "cannot write " + DROP_CACHES + " (" + e.getMessage() + "); it needs root";
    }
  }

  private void dropCaches() throws IOException, InterruptedException {
    children.runChecked(List.of("sync"), environment, false);
    Files.writeString(DROP_CACHES, "3\n", StandardCharsets.US_ASCII);
  }

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split(" ");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
