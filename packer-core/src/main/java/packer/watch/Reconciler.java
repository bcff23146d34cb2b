package packer.watch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import packer.declaration.DeclarationReader;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.lane.Lane;
import packer.path.PathOrder;
import packer.path.WorkspacePath;
import packer.registry.Registry;
import packer.registry.RegistryRecord;
import packer.scan.FolderScan;
import packer.scan.FolderScanner;
import packer.scan.WorkspaceScanner;
import packer.snapshot.Snapshot;
import packer.snapshot.WorkspaceState;
import packer.workspace.WorkspaceConfig;

/**
 * Brings the snapshot up to date with the disk after authors changed files by hand.
 *
 * <p>Given the paths the watcher saw change (hints, not facts), it reads again only the asset
 * folders they can affect: the folder holding each path, and every asset folder at or under it,
 * known before or found now. The next snapshot is derived from the previous one and the folders
 * that really changed, and only published when something did, so the lane's own writes (which the
 * watcher sees too) publish nothing twice. Whatever it cannot judge locally — the config, a
 * registry record that is not what the lane wrote, a nested asset folder, a case clash, a name not
 * in NFC, a path near a problem of the tree — and a {@code full} request (after an overflow) read
 * the whole workspace and compare.
 */
public final class Reconciler implements Lane.Reconciliation {

  /** More hints than this (a checkout, an unpacked archive) are cheaper as one full read. */
  static final int MAX_HINTS = 1024;

  private final Path root;
  private final Set<String> hints;
  private final boolean full;

  /**
   * @param hints workspace paths ("/"-separated, relative to {@code root}) that changed
   * @param full read the whole workspace, whatever the hints
   */
  public Reconciler(Path root, Set<String> hints, boolean full) {
    this.root = root;
    this.hints = Set.copyOf(hints);
    this.full = full;
  }

  public Set<String> hints() {
    return hints;
  }

  public boolean full() {
    return full;
  }

  @Override
  public Optional<Snapshot> next(Snapshot base, long version, FolderScanner folders, Lane.Rescan rescan)
      throws IOException {
    if (!full && hints.size() <= MAX_HINTS) {
      Optional<Optional<Snapshot>> local = new Local(base, folders).next(version);
      if (local.isPresent()) {
        return local.get();
      }
    }
    return compare(base, version, rescan.read());
  }

  /** The snapshot of {@code fresh}, a whole new read, after {@code base}; empty when equal. */
  static Optional<Snapshot> compare(Snapshot base, long version, WorkspaceState fresh) {
    WorkspaceState old = base.state();
    if (!old.config().equals(fresh.config())) {
      return Optional.of(Snapshot.of(version, fresh));
    }
    Set<String> folders = new TreeSet<>(PathOrder.COMPARATOR);
    old.folders().forEach((folder, scan) -> {
      if (!scan.equals(fresh.folders().get(folder))) {
        folders.add(folder);
      }
    });
    fresh.folders().keySet().stream().filter(f -> !old.folders().containsKey(f)).forEach(folders::add);
    Set<AssetId> ids = new TreeSet<>();
    old.registry().records().forEach((id, record) -> {
      if (!record.equals(fresh.registry().records().get(id))) {
        ids.add(id);
      }
    });
    fresh.registry().records().keySet().stream().filter(id -> !old.registry().records().containsKey(id))
        .forEach(ids::add);
    if (folders.isEmpty() && ids.isEmpty() && old.sourceDiagnostics().equals(fresh.sourceDiagnostics())) {
      return Optional.empty();
    }
    return Optional.of(base.next(version, fresh, folders, ids));
  }

  /** One incremental pass; {@code next} is empty when it needs a full read instead. */
  private final class Local {
    private final Snapshot base;
    private final WorkspaceState old;
    private final WorkspaceConfig config;
    private final FolderScanner scanner;
    private final List<PathMatcher> excludes = new ArrayList<>();
    private final Set<String> affected = new TreeSet<>(PathOrder.COMPARATOR);

    Local(Snapshot base, FolderScanner scanner) {
      this.base = base;
      this.old = base.state();
      this.config = old.config();
      this.scanner = scanner;
      for (String pattern : config.excludes()) {
        excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
      }
    }

    Optional<Optional<Snapshot>> next(long version) throws IOException {
      for (String hint : new TreeSet<>(hints)) {
        if (!take(hint)) {
          return Optional.empty();
        }
      }
      WorkspaceState state = old;
      Set<String> changed = new TreeSet<>(PathOrder.COMPARATOR);
      for (String folder : affected) {
        FolderScan now = read(folder);
        if (!Objects.equals(now, old.folders().get(folder))) {
          state = now == null ? state.withoutFolder(folder) : state.withFolder(now);
          changed.add(folder);
        }
      }
      if (changed.isEmpty()) {
        return Optional.of(Optional.empty());
      }
      return Optional.of(Optional.of(base.next(version, state, changed, Set.of())));
    }

    /** Adds the asset folders {@code hint} may affect; false when only a full read can tell. */
    private boolean take(String hint) throws IOException {
      if (hint.isEmpty() || hint.equals(WorkspaceConfig.FILE_NAME) || !isNfc(hint)) {
        return false;
      }
      if (WorkspacePath.isWithin(hint, Registry.FOLDER)) {
        return registryUnchanged(hint);
      }
      for (Diagnostic problem : old.sourceDiagnostics()) {
        if (WorkspacePath.isWithin(problem.file(), hint) || WorkspacePath.isWithin(hint, problem.file())) {
          return false;
        }
      }
      if (!scanned(hint)) {
        // Outside what the scan reads, unless it holds a scan root (a parent moved or deleted).
        return config.roots().stream().noneMatch(scanRoot -> WorkspacePath.isWithin(scanRoot, hint));
      }
      Path path = root.resolve(hint);
      boolean exists = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
      if (exists && clashesWithSibling(hint)) {
        return false;
      }
      // The asset folder holding the path, if any: a file in it changed, or a folder nests in it.
      String outer = null;
      for (String folder = WorkspacePath.parent(hint); !folder.isEmpty(); folder = WorkspacePath.parent(folder)) {
        if (old.folders().containsKey(folder) || declares(root.resolve(folder))) {
          outer = folder;
          affected.add(folder);
          break;
        }
      }
      if (old.folders().containsKey(hint)) {
        affected.add(hint);
      }
      affected.addAll(old.folders().subMap(hint + "/", hint + "0").keySet());
      if (exists && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        return walk(path, hint, outer);
      }
      return true;
    }

    /**
     * Finds the asset folders at or under {@code dir}; false on what the full scan reports as a
     * problem of the tree (a nested asset folder, a case clash, a name not in NFC).
     *
     * @param outer the asset folder {@code dir} lies in, or null
     */
    private boolean walk(Path dir, String path, String outer) throws IOException {
      boolean asset = declares(dir);
      if (asset) {
        if (outer != null) {
          return false;
        }
        affected.add(path);
        outer = path;
      }
      List<Path> subfolders = new ArrayList<>();
      Set<String> folded = new HashSet<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          if (name.startsWith(".")) {
            continue;
          }
          if (!isNfc(name) || !folded.add(name.toLowerCase(Locale.ROOT))) {
            return false;
          }
          if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            subfolders.add(entry);
          }
        }
      } catch (NoSuchFileException | NotDirectoryException gone) {
        return true; // Gone meanwhile: its events will follow.
      }
      for (Path sub : subfolders) {
        String subPath = path + "/" + sub.getFileName();
        if (scanned(subPath) && !walk(sub, subPath, outer)) {
          return false;
        }
      }
      return true;
    }

    /** The folder's scan as on disk now, or null when it holds no asset. */
    private FolderScan read(String folder) throws IOException {
      if (!scanned(folder) || !declares(root.resolve(folder))) {
        return null;
      }
      try {
        return scanner.scan(folder, WorkspaceScanner.filesOf(root, folder));
      } catch (NoSuchFileException gone) {
        return null; // Removed while read: the watcher reports that too.
      }
    }

    /**
     * Whether the registry files under {@code hint} still hold exactly what the snapshot says, as
     * after the lane's own writes. Anything else is read in full, with the registry's checks.
     */
    private boolean registryUnchanged(String hint) throws IOException {
      Path path = root.resolve(hint);
      String[] parts = hint.split("/", -1);
      if (parts.length == 3 && parts[2].endsWith(".json")) {
        String hex = parts[1] + parts[2].substring(0, parts[2].length() - ".json".length());
        if (!AssetId.isWellFormed(hex) || !RegistryRecord.pathOf(AssetId.parse(hex)).equals(hint)) {
          return !Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !hasProblem(hint);
        }
        return recordUnchanged(AssetId.parse(hex), path);
      }
      if (parts.length == 2 && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
          for (Path entry : entries) {
            if (!registryUnchanged(hint + "/" + entry.getFileName())) {
              return false;
            }
          }
        }
        return true;
      }
      // A temporary file gone again, or the folder itself: unchanged only if nothing is there.
      return parts.length == 3 && !Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !hasProblem(hint);
    }

    private boolean recordUnchanged(AssetId id, Path file) throws IOException {
      Optional<RegistryRecord> known = old.registry().get(id);
      byte[] now;
      try {
        now = Files.readAllBytes(file);
      } catch (NoSuchFileException gone) {
        return known.isEmpty();
      }
      return known.isPresent() && Arrays.equals(now, known.get().toJson());
    }

    private boolean hasProblem(String file) {
      return old.sourceDiagnostics().stream().anyMatch(d -> d.file().equals(file));
    }

    /** Whether the full scan would look at {@code path}: in a scan root, not hidden, excluded or reserved. */
    private boolean scanned(String path) {
      String[] segments = path.split("/");
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < segments.length; i++) {
        if (segments[i].startsWith(".")) {
          return false;
        }
        if (i > 0) {
          prefix.append('/');
        }
        prefix.append(segments[i]);
        String at = prefix.toString();
        if (at.equals(Registry.FOLDER) || at.equals(config.output())) {
          return false;
        }
        boolean folder = i < segments.length - 1 || Files.isDirectory(root.resolve(at), LinkOption.NOFOLLOW_LINKS);
        if (folder && excludes.stream().anyMatch(m -> m.matches(Path.of(at)))) {
          return false;
        }
      }
      for (String scanRoot : config.roots()) {
        if (scanRoot.equals(".") || WorkspacePath.isWithin(path, scanRoot)) {
          return true;
        }
      }
      return false;
    }

    /** Whether a name beside {@code path} differs from its own only by case. */
    private boolean clashesWithSibling(String path) throws IOException {
      String name = WorkspacePath.lastSegment(path);
      String parent = WorkspacePath.parent(path);
      Path dir = parent.isEmpty() ? root : root.resolve(parent);
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          String other = entry.getFileName().toString();
          if (!other.equals(name) && other.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
            return true;
          }
        }
      } catch (NoSuchFileException | NotDirectoryException gone) {
        return false;
      }
      return false;
    }
  }

  /** Whether {@code dir} is an asset folder: its asset.json a regular file (a link followed, as the scan does). */
  private static boolean declares(Path dir) {
    return Files.isRegularFile(dir.resolve(DeclarationReader.FILE_NAME));
  }

  private static boolean isNfc(String text) {
    return Normalizer.isNormalized(text, Normalizer.Form.NFC);
  }
}
