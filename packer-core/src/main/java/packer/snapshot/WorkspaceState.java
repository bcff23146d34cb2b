package packer.snapshot;

import java.util.List;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;
import packer.diagnostic.Diagnostic;
import packer.path.PathOrder;
import packer.registry.Registry;
import packer.registry.RegistryRecord;
import packer.scan.FolderScan;
import packer.workspace.WorkspaceConfig;

/**
 * The raw facts a snapshot is derived from: config, registry and asset folders as read from disk.
 * Persistent maps, so a commit that changes one folder shares everything else.
 *
 * @param sourceDiagnostics problems of the config, the registry files and the tree as a whole
 */
public record WorkspaceState(
    WorkspaceConfig config,
    Registry registry,
    PSortedMap<String, FolderScan> folders,
    List<Diagnostic> sourceDiagnostics) {

  public WorkspaceState {
    sourceDiagnostics = List.copyOf(sourceDiagnostics);
  }

  public static PSortedMap<String, FolderScan> emptyFolders() {
    return TreePMap.empty(PathOrder.COMPARATOR);
  }

  public WorkspaceState withRecord(RegistryRecord record) {
    return new WorkspaceState(config, registry.with(record), folders, sourceDiagnostics);
  }

  public WorkspaceState withFolder(FolderScan scan) {
    return new WorkspaceState(config, registry, folders.plus(scan.folder(), scan), sourceDiagnostics);
  }

  public WorkspaceState withoutFolder(String folder) {
    return new WorkspaceState(config, registry, folders.minus(folder), sourceDiagnostics);
  }
}
