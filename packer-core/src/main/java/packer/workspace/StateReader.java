package packer.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pcollections.PSortedMap;
import packer.declaration.DeclarationReader;
import packer.diagnostic.Diagnostic;
import packer.registry.RegistryReader;
import packer.scan.FolderScan;
import packer.scan.FolderScanner;
import packer.scan.WorkspaceScanner;
import packer.snapshot.WorkspaceState;

/** Reads a whole workspace from disk: config, registry and every asset folder. */
final class StateReader {

  private final Path root;
  private final DeclarationReader declarations;

  StateReader(Path root, DeclarationReader declarations) {
    this.root = root;
    this.declarations = declarations;
  }

  FolderScanner folderScanner() {
    return new FolderScanner(root, declarations);
  }

  WorkspaceState read() throws IOException {
    String fallbackName = root.getFileName() == null ? "workspace" : root.getFileName().toString();
    WorkspaceConfig.Parsed config =
        WorkspaceConfig.parse(Files.readAllBytes(root.resolve(WorkspaceConfig.FILE_NAME)), fallbackName);
    RegistryReader.Scan registry = new RegistryReader().read(root);
    WorkspaceScanner.Result scan = new WorkspaceScanner(root, config.config(), folderScanner()).scan();
    PSortedMap<String, FolderScan> folders = WorkspaceState.emptyFolders().plusAll(scan.folders());
    List<Diagnostic> problems = new ArrayList<>(config.diagnostics());
    problems.addAll(registry.diagnostics());
    problems.addAll(scan.diagnostics());
    return new WorkspaceState(config.config(), registry.registry(), folders, problems);
  }
}
