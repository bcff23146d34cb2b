package packer.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;
import packer.declaration.AssetTypes;
import packer.declaration.DeclarationReader;
import packer.diagnostic.Diagnostic;
import packer.registry.RegistryReader;
import packer.scan.FolderScan;
import packer.scan.FolderScanner;
import packer.scan.ScanCache;
import packer.scan.WorkspaceScanner;
import packer.snapshot.WorkspaceState;

/**
 * Reads a whole workspace from disk: config, registry and every asset folder, re-parsing only the
 * files that changed since the last read (the {@link ScanCache}, kept from one read to the next
 * and in {@code .packer/cache/} between processes).
 */
final class StateReader {

  private final Path root;
  private final DeclarationReader declarations;
  private final AssetTypes types;
  private ScanCache cache;

  StateReader(Path root, DeclarationReader declarations, AssetTypes types) {
    this.root = root;
    this.declarations = declarations;
    this.types = types;
  }

  private static <T> T join(CompletableFuture<T> read) throws IOException {
    try {
      return read.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      return joinUnchecked(read);
    }
  }

  /** The result of a task that throws no checked exception, or what it threw. */
  static <T> T joinUnchecked(CompletableFuture<T> task) {
    try {
      return task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  FolderScanner folderScanner() {
    return new FolderScanner(root, declarations);
  }

  synchronized WorkspaceState read() throws IOException {
    String fallbackName = root.getFileName() == null ? "workspace" : root.getFileName().toString();
    WorkspaceConfig.Parsed config =
        WorkspaceConfig.parse(Files.readAllBytes(root.resolve(WorkspaceConfig.FILE_NAME)), fallbackName);
    // The registry and the tree are independent: read the registry on a thread of its own while
    // this one walks the tree. Loading the cache reads its file and the folder listings, which the
    // walk needs first; the files' entries are parsed on first use (the registry's, mostly).
    long start = ScanCache.nowNanos();
    ScanCache reading = cache == null ? ScanCache.load(root, ScanCache.fingerprint(types), start) : cache.next(start);
    CompletableFuture<RegistryReader.Scan> registryRead = new CompletableFuture<>();
    Thread registryReader = new Thread(() -> {
      try {
        registryRead.complete(new RegistryReader().read(root, reading));
      } catch (IOException | RuntimeException | Error e) {
        registryRead.completeExceptionally(e);
      }
    }, "packer registry reader");
    registryReader.setDaemon(true);
    registryReader.start();
    WorkspaceScanner.Result scan = new WorkspaceScanner(root, config.config(), folderScanner())
        .scan(reading, () -> registryRead.handle((read, failed) ->
            read == null ? Map.<String, String>of() : WorkspaceScanner.foldersOf(read.registry())).join());
    RegistryReader.Scan registry = join(registryRead);
    reading.save();
    cache = reading;
    PSortedMap<String, FolderScan> folders = TreePMap.fromSortedMap(scan.folders());
    List<Diagnostic> problems = new ArrayList<>(config.diagnostics());
    problems.addAll(registry.diagnostics());
    problems.addAll(scan.diagnostics());
    return new WorkspaceState(config.config(), registry.registry(), folders, problems);
  }
}
