package packer.lane;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import packer.declaration.DeclarationReader;
import packer.path.WorkspacePath;
import packer.registry.Registry;
import packer.registry.RegistryRecord;
import packer.snapshot.WorkspaceState;

/** Checks that a folder may hold a new asset: canonical, free, scanned, and not nested. */
final class Placement {

  private Placement() {}

  /** The canonical form of {@code raw}, or a rejection saying why it cannot hold an asset. */
  static String check(Path root, WorkspaceState state, String raw) throws CommandRejected {
    WorkspacePath.Result canonical = WorkspacePath.canonical(raw);
    if (!canonical.isValid()) {
      throw invalid("'" + raw + "' is not a usable folder: " + canonical.reason());
    }
    String folder = canonical.path().get();
    for (String segment : folder.split("/")) {
      if (segment.startsWith(".")) {
        throw invalid("'" + folder + "' is hidden (a segment starts with '.'); packer does not scan hidden folders");
      }
    }
    if (WorkspacePath.isWithin(folder, Registry.FOLDER) || WorkspacePath.isWithin(folder, state.config().output())) {
      throw invalid("'" + folder + "' is reserved for packer; choose a folder for assets");
    }
    if (!isScanned(state, folder)) {
      throw invalid("'" + folder + "' is outside the scan roots of packer.json ("
          + String.join(", ", state.config().roots()) + ")");
    }
    String excluded = excludedBy(state, folder);
    if (excluded != null) {
      throw invalid("'" + folder + "' is excluded from scanning by packer.json (\"" + excluded
          + "\"): an asset there would be missing at once; choose another folder");
    }
    if (Files.exists(root.resolve(folder), LinkOption.NOFOLLOW_LINKS)) {
      throw invalid("'" + folder + "' already exists; choose a new folder"
          + (Files.exists(root.resolve(folder).resolve(DeclarationReader.FILE_NAME))
              ? " (to give that asset an id, use packer adopt)" : ""));
    }
    String caseClash = caseClash(root, folder);
    if (caseClash != null) {
      throw invalid("'" + folder + "' differs only by case from the existing " + caseClash
          + ", which breaks on macOS and Windows; use the same spelling or another name");
    }
    for (RegistryRecord record : state.registry().records().values()) {
      if (record instanceof RegistryRecord.Bound bound && bound.folder().equals(folder)) {
        throw invalid("'" + folder + "' is still bound to the missing asset " + bound.id()
            + "; relocate that asset (packer relocate " + bound.id() + " NEW_FOLDER) or remove it (packer rm "
            + bound.id() + ") first");
      }
    }
    for (String other : state.folders().keySet()) {
      if (WorkspacePath.isWithin(folder, other) || WorkspacePath.isWithin(other, folder)) {
        throw invalid("'" + folder + "' would nest with the asset folder " + other + "; asset folders do not nest");
      }
    }
    String parent = WorkspacePath.parent(folder);
    while (!parent.isEmpty()) {
      if (Files.isRegularFile(root.resolve(parent).resolve(DeclarationReader.FILE_NAME))) {
        throw invalid("'" + folder + "' would be inside the asset folder " + parent + "; asset folders do not nest");
      }
      parent = WorkspacePath.parent(parent);
    }
    return folder;
  }

  /** An existing path that differs from a prefix of {@code folder} only by case, or null. */
  private static String caseClash(Path root, String folder) {
    Path parent = root;
    String prefix = "";
    for (String segment : folder.split("/")) {
      String[] siblings = parent.toFile().list();
      if (siblings == null) {
        return null;
      }
      for (String sibling : siblings) {
        if (!sibling.equals(segment) && sibling.toLowerCase(Locale.ROOT).equals(segment.toLowerCase(Locale.ROOT))) {
          return prefix + sibling;
        }
      }
      parent = parent.resolve(segment);
      prefix = prefix + segment + "/";
    }
    return null;
  }

  /** The exclude pattern of packer.json that hides {@code folder} or one of its parents, or null. */
  private static String excludedBy(WorkspaceState state, String folder) {
    for (String pattern : state.config().excludes()) {
      java.nio.file.PathMatcher matcher = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      for (String prefix = folder; !prefix.isEmpty(); prefix = WorkspacePath.parent(prefix)) {
        if (matcher.matches(Path.of(prefix))) {
          return pattern;
        }
      }
    }
    return null;
  }

  private static boolean isScanned(WorkspaceState state, String folder) {
    for (String scanRoot : state.config().roots()) {
      if (scanRoot.equals(".") || WorkspacePath.isWithin(folder, scanRoot) && !folder.equals(scanRoot)) {
        return true;
      }
    }
    return false;
  }

  static CommandRejected invalid(String message) {
    return new CommandRejected(CommandRejected.Reason.INVALID, message);
  }
}
