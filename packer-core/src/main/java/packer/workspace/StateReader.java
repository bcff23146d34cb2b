package packer.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  FolderScanner folderScanner() {
    return new FolderScanner(root, declarations);
  }

  synchronized WorkspaceState read() throws IOException {
    String fallbackName = root.getFileName() == null ? "workspace" : root.getFileName().toString();
    WorkspaceConfig.Parsed config =
        WorkspaceConfig.parse(Files.readAllBytes(root.resolve(WorkspaceConfig.FILE_NAME)), fallbackName);
    ScanCache reading = cache == null ? ScanCache.load(root, ScanCache.fingerprint(types)) : cache.next();
    RegistryReader.Scan registry = new RegistryReader().read(root, reading);
    WorkspaceScanner.Result scan =
        new WorkspaceScanner(root, config.config(), folderScanner()).scan(reading, WorkspaceScanner.foldersOf(registry.registry()));
    reading.save();
    cache = reading;
    PSortedMap<String, FolderScan> folders = TreePMap.fromSortedMap(scan.folders());
    List<Diagnostic> problems = new ArrayList<>(config.diagnostics());
    problems.addAll(registry.diagnostics());
    problems.addAll(scan.diagnostics());
    return new WorkspaceState(config.config(), registry.registry(), folders, problems);
  }
}
