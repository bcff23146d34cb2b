package packer.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import packer.declaration.AssetTypes;
import packer.declaration.Declaration;
import packer.declaration.DeclarationReader;
import packer.declaration.ParsedDeclaration;
import packer.diagnostic.Diagnostic;
import packer.path.WorkspacePath;
import packer.registry.Registry;
import packer.registry.RegistryReader;
import packer.relocation.AssetMemory;
import packer.relocation.Pairing;
import packer.scan.FolderScanner;
import packer.scan.ScanCache;
import packer.scan.Sha256;
import packer.scan.WorkspaceScanner;
import packer.snapshot.Snapshot;
import packer.snapshot.WorkspaceState;
import packer.workspace.Options;
import packer.workspace.Workspace;
import packer.workspace.WorkspaceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Where {@code packer status} spends its time, in-process: the steps of
 * {@code Workspace.openForReading} and the status command done one by one and timed, several times
 * in one JVM. The first iteration is what a fresh {@code packer status} pays (cold classes,
 * interpreter); later ones show the steady cost. After the steps, the scan is taken apart into its
 * file-system walk, reading, hashing and parsing of each asset.json, and stat of each input.
 *
 * <p>Prints one line per measurement, {@code phase NAME ITERATION NANOS}, for {@code bench run}.
 */
@Command(name = "profile", hidden = true,
    description = "Time the steps of 'packer status' in-process (for bench run).")
final class ProfileCommand implements Callable<Integer> {

  /** The steps of a status, in order, as {@code bench run} reports them. */
  static final List<String> STEPS =
      List.of("config", "cache", "registry", "scan", "save", "snapshot", "memory", "pairing");

  /** The parts of the scan, measured separately after the steps. */
  static final List<String> SCAN_PARTS = List.of("walk", "read", "hash", "parse", "stat");

  @Parameters(index = "0", paramLabel = "DIR") Path dir;

  @Option(names = "--iterations", defaultValue = "5") int iterations;

  @Spec CommandSpec spec;

  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    Path root = Workspace.findRoot(dir.toAbsolutePath());
    for (int iteration = 1; iteration <= iterations; iteration++) {
      long start = System.nanoTime();
      long t = start;
      WorkspaceConfig config = WorkspaceConfig.parse(
          Files.readAllBytes(root.resolve(WorkspaceConfig.FILE_NAME)), "workspace").config();
      t = lap("config", iteration, t);
      AssetTypes types = Options.defaults().types();
      ScanCache cache = ScanCache.load(root, ScanCache.fingerprint(types));
      t = lap("cache", iteration, t);
      RegistryReader.Scan registry = new RegistryReader().read(root, cache);
      t = lap("registry", iteration, t);
      DeclarationReader declarations = new DeclarationReader(types);
      WorkspaceScanner.Result scan = new WorkspaceScanner(root, config, new FolderScanner(root, declarations))
          .scan(cache, WorkspaceScanner.foldersOf(registry.registry()));
      t = lap("scan", iteration, t);
      cache.save();
      t = lap("save", iteration, t);
      List<Diagnostic> problems = new ArrayList<>(registry.diagnostics());
      problems.addAll(scan.diagnostics());
      Snapshot snapshot = Snapshot.of(1, new WorkspaceState(config, registry.registry(),
          WorkspaceState.emptyFolders().plusAll(scan.folders()), problems));
      t = lap("snapshot", iteration, t);
      AssetMemory memory = AssetMemory.load(root);
      memory.refresh(snapshot);
      t = lap("memory", iteration, t);
      Pairing.pair(snapshot, memory);
      t = lap("pairing", iteration, t);
      print("total", iteration, t - start);
      if (iteration == 1) {
        out.println(String.format(Locale.ROOT, "assets %d", snapshot.assets().size()));
      }
      scanParts(root, config, iteration);
      out.flush();
    }
    return 0;
  }

  /** The scan's work done part by part over the same folders, as the scanner does it. */
  private void scanParts(Path root, WorkspaceConfig config, int iteration) throws IOException {
    long t = System.nanoTime();
    Map<String, List<String>> filesByFolder = walk(root, config);
    t = lap("walk", iteration, t);
    Map<String, byte[]> bytes = new TreeMap<>();
    for (String folder : filesByFolder.keySet()) {
      bytes.put(folder, Files.readAllBytes(root.resolve(folder).resolve(DeclarationReader.FILE_NAME)));
    }
    t = lap("read", iteration, t);
    long sink = 0;
    for (byte[] content : bytes.values()) {
      sink += Sha256.hex(content).length();
    }
    t = lap("hash", iteration, t);
    DeclarationReader reader = new DeclarationReader(AssetTypes.builtIn());
    Map<String, Declaration> parsed = new TreeMap<>();
    for (Map.Entry<String, byte[]> entry : bytes.entrySet()) {
      ParsedDeclaration declaration = reader.read(entry.getKey(), entry.getValue());
      declaration.declaration().ifPresent(d -> parsed.put(entry.getKey(), d));
    }
    t = lap("parse", iteration, t);
    for (Map.Entry<String, Declaration> entry : parsed.entrySet()) {
      for (String input : entry.getValue().inputs()) {
        sink += Files.readAttributes(root.resolve(entry.getKey()).resolve(input), BasicFileAttributes.class).size();
      }
    }
    lap("stat", iteration, t);
    if (sink == 42) {
      out.println("sink"); // Keeps the work observable.
    }
  }

  /** The same traversal as the scanner's: every folder and file, and a stat for asset.json per folder. */
  private static Map<String, List<String>> walk(Path root, WorkspaceConfig config) throws IOException {
    Map<String, List<String>> filesByFolder = new TreeMap<>();
    List<String> open = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (dir.equals(root)) {
          return FileVisitResult.CONTINUE;
        }
        String path = WorkspacePath.relativize(root, dir);
        if (dir.getFileName().toString().startsWith(".") || path.equals(Registry.FOLDER)
            || path.equals(config.output())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        if (Files.isRegularFile(dir.resolve(DeclarationReader.FILE_NAME))) {
          filesByFolder.put(path, new ArrayList<>());
          open.add(path);
        } else {
          open.add("");
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) {
        if (!dir.equals(root)) {
          open.remove(open.size() - 1);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        String path = WorkspacePath.relativize(root, file);
        if (!open.isEmpty() && !open.get(open.size() - 1).isEmpty()) {
          filesByFolder.get(open.get(open.size() - 1)).add(path);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return filesByFolder;
  }

  private long lap(String phase, int iteration, long since) {
    long now = System.nanoTime();
    print(phase, iteration, now - since);
    return now;
  }

  private void print(String phase, int iteration, long nanos) {
    out.println(String.format(Locale.ROOT, "phase %s %d %d", phase, iteration, nanos));
  }
}
