package packer.snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pcollections.PSortedMap;
import org.pcollections.PSortedSet;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.path.PathOrder;
import packer.path.WorkspacePath;
import packer.registry.RegistryRecord;
import packer.scan.FolderScan;

/**
 * Derives a snapshot's {@link Indexes}: all at once from a state ({@link #full}), or from the
 * previous snapshot's plus the folders and ids a commit changed ({@link #next}), which costs
 * O(changed · log n) and gives exactly what {@link #full} would.
 */
final class Derivation {

  private Derivation() {}

  static Indexes full(WorkspaceState state) {
    Ownership ownership = Ownership.of(state);
    // Looked up by folder and by name, never walked in order: hashed, not sorted.
    Map<String, List<AssetId>> ids = new HashMap<>(state.registry().size() * 4 / 3 + 1);
    for (RegistryRecord record : state.registry().records().values()) {
      if (record instanceof RegistryRecord.Bound bound) {
        ids.computeIfAbsent(bound.folder(), f -> new ArrayList<>()).add(bound.id());
      }
    }
    Map<String, List<String>> named = new HashMap<>(state.folders().size() * 4 / 3 + 1);
    for (FolderScan scan : state.folders().values()) {
      scan.declaration().ifPresent(d -> named.computeIfAbsent(d.name(), n -> new ArrayList<>()).add(scan.folder()));
    }
    AssetRules rules = new AssetRules(state, f -> ids.getOrDefault(f, List.of()),
        f -> ownership.in().getOrDefault(f, List.of()), n -> named.getOrDefault(n, List.of()));

    SortedMap<AssetId, Asset> bound = new TreeMap<>();
    SortedMap<String, Asset> unregistered = new TreeMap<>(PathOrder.COMPARATOR);
    SortedMap<String, Asset> byFolder = new TreeMap<>(PathOrder.COMPARATOR);
    for (RegistryRecord record : state.registry().records().values()) {
      if (record instanceof RegistryRecord.Bound b) {
        Asset asset = rules.bound(b);
        bound.put(b.id(), asset);
        byFolder.putIfAbsent(b.folder(), asset);
      }
    }
    for (FolderScan scan : state.folders().values()) {
      if (!ids.containsKey(scan.folder())) {
        Asset asset = rules.unregistered(scan);
        unregistered.put(scan.folder(), asset);
        byFolder.put(scan.folder(), asset);
      }
    }
    SortedMap<String, List<Asset>> byName = new TreeMap<>(PathOrder.COMPARATOR);
    SortedMap<ProblemKey, Diagnostic> problems = new TreeMap<>(ProblemKey.ORDER);
    int errors = 0;
    List<Diagnostic> workspace = ownership.workspace();
    for (int i = 0; i < workspace.size(); i++) {
      problems.put(new ProblemKey(workspace.get(i), null, i), workspace.get(i));
      errors += workspace.get(i).isError() ? 1 : 0;
    }
    for (Map<?, Asset> assets : List.of(bound, unregistered)) {
      for (Asset asset : assets.values()) {
        asset.name().ifPresent(n -> byName.computeIfAbsent(n, k -> new ArrayList<>()).add(asset));
        AssetKey key = AssetKey.of(asset);
        List<Diagnostic> own = asset.diagnostics();
        for (int i = 0; i < own.size(); i++) {
          problems.put(new ProblemKey(own.get(i), key, i), own.get(i));
          errors += own.get(i).isError() ? 1 : 0;
        }
      }
    }
    byName.replaceAll((name, list) -> List.copyOf(list));
    SortedMap<String, PSortedSet<AssetId>> shared = new TreeMap<>(PathOrder.COMPARATOR);
    ids.forEach((folder, list) -> {
      if (list.size() > 1) {
        shared.put(folder, TreePSet.from(list));
      }
    });
    return new Indexes(TreePMap.fromSortedMap(bound), TreePMap.fromSortedMap(unregistered),
        TreePMap.fromSortedMap(byFolder), TreePMap.fromSortedMap(byName), TreePMap.fromSortedMap(shared),
        TreePMap.fromSortedMap(ownership.in()), ownership.workspace(), TreePMap.fromSortedMap(problems), errors);
  }

  /**
   * The indexes of {@code after}, which differs from {@code before} (whose indexes are {@code
   * previous}) only in the registry records of {@code changedIds} and the scans of {@code
   * changedFolders}.
   */
  static Indexes next(Indexes previous, WorkspaceState before, WorkspaceState after,
      Set<String> changedFolders, Set<AssetId> changedIds) {
    if (!after.sourceDiagnostics().equals(before.sourceDiagnostics())) {
      return full(after);
    }
    return new Incremental(previous, before, after, changedFolders, changedIds).run();
  }

  /** The problems found in files inside asset folders, by folder, and the workspace's others. */
  private record Ownership(SortedMap<String, List<Diagnostic>> in, List<Diagnostic> workspace) {

    static Ownership of(WorkspaceState state) {
      SortedMap<String, List<Diagnostic>> in = new TreeMap<>(PathOrder.COMPARATOR);
      List<Diagnostic> workspace = new ArrayList<>();
      for (Diagnostic problem : state.sourceDiagnostics()) {
        String owner = owningFolder(state, problem.file());
        if (owner != null) {
          in.computeIfAbsent(owner, f -> new ArrayList<>()).add(problem);
        } else {
          workspace.add(problem);
        }
      }
      in.replaceAll((folder, list) -> List.copyOf(list));
      return new Ownership(in, List.copyOf(workspace));
    }

    /**
     * The asset folder holding {@code file}, or null when it lies in no asset folder. A problem
     * found in a file inside an asset folder (a case clash, a nested asset.json) makes that asset
     * invalid; the rest belong to the workspace as a whole.
     */
    private static String owningFolder(WorkspaceState state, String file) {
      for (String folder = WorkspacePath.parent(file); !folder.isEmpty(); folder = WorkspacePath.parent(folder)) {
        if (state.folders().containsKey(folder)) {
          return folder;
        }
      }
      return state.folders().containsKey(file) ? file : null;
    }
  }

  /** One incremental derivation: the persistent maps of the previous snapshot, edited. */
  private static final class Incremental {
    private final Indexes previous;
    private final WorkspaceState before;
    private final WorkspaceState after;
    private final Set<String> changedFolders;
    private final Set<AssetId> changedIds;
    private final Map<String, List<AssetId>> idsNow = new TreeMap<>(PathOrder.COMPARATOR);
    private final Map<String, List<String>> namedNow = new TreeMap<>(PathOrder.COMPARATOR);

    private PSortedMap<AssetId, Asset> bound;
    private PSortedMap<String, Asset> unregistered;
    private PSortedMap<String, Asset> byFolder;
    private PSortedMap<String, List<Asset>> byName;
    private PSortedMap<String, PSortedSet<AssetId>> sharedFolders;
    private PSortedMap<String, List<Diagnostic>> problemsIn;
    private List<Diagnostic> workspaceProblems;
    private PSortedMap<ProblemKey, Diagnostic> problems;
    private int errors;

    Incremental(Indexes previous, WorkspaceState before, WorkspaceState after, Set<String> changedFolders,
        Set<AssetId> changedIds) {
      this.previous = previous;
      this.before = before;
      this.after = after;
      this.changedFolders = changedFolders;
      this.changedIds = changedIds;
      bound = previous.bound();
      unregistered = previous.unregistered();
      byFolder = previous.byFolder();
      byName = previous.byName();
      sharedFolders = previous.sharedFolders();
      problemsIn = previous.problemsIn();
      workspaceProblems = previous.workspaceProblems();
      problems = previous.problems();
      errors = previous.errors();
    }

    Indexes run() {
      // Every folder whose asset may see something new: its scan, its ids, its problems, or the
      // folders sharing its name changed.
      Set<String> folders = new TreeSet<>(PathOrder.COMPARATOR);
      folders.addAll(changedFolders);
      for (AssetId id : changedIds) {
        for (WorkspaceState state : List.of(before, after)) {
          if (state.registry().get(id).orElse(null) instanceof RegistryRecord.Bound b) {
            folders.add(b.folder());
          }
        }
      }
      Set<String> names = new TreeSet<>(PathOrder.COMPARATOR);
      boolean foldersCameOrWent = false;
      for (String folder : changedFolders) {
        FolderScan old = before.folders().get(folder);
        FolderScan now = after.folders().get(folder);
        foldersCameOrWent |= (old == null) != (now == null);
        if (!Objects.equals(nameOf(old), nameOf(now))) {
          addIfPresent(names, nameOf(old));
          addIfPresent(names, nameOf(now));
        }
      }
      for (String name : names) {
        folders.addAll(foldersNamed(name));
      }
      if (foldersCameOrWent && !after.sourceDiagnostics().isEmpty()) {
        reassignProblems(folders);
      }
      Set<AssetId> ids = new TreeSet<>(changedIds);
      for (String folder : folders) {
        ids.addAll(idsAt(folder));
      }

      AssetRules rules = new AssetRules(after, this::idsAt, f -> problemsIn.getOrDefault(f, List.of()),
          this::foldersNamed);
      for (AssetId id : ids) {
        remove(AssetKey.bound(id));
        if (after.registry().get(id).orElse(null) instanceof RegistryRecord.Bound b) {
          put(AssetKey.bound(id), rules.bound(b));
        }
      }
      for (String folder : folders) {
        remove(AssetKey.unregistered(folder));
        FolderScan scan = after.folders().get(folder);
        if (scan != null && idsAt(folder).isEmpty()) {
          put(AssetKey.unregistered(folder), rules.unregistered(scan));
        }
      }
      for (String folder : folders) {
        List<AssetId> at = idsAt(folder);
        Asset asset = at.isEmpty() ? unregistered.get(folder) : bound.get(at.get(0));
        byFolder = asset == null ? byFolder.minus(folder) : byFolder.plus(folder, asset);
        sharedFolders = at.size() > 1 ? sharedFolders.plus(folder, TreePSet.from(at)) : sharedFolders.minus(folder);
      }
      return new Indexes(bound, unregistered, byFolder, byName, sharedFolders, problemsIn, workspaceProblems,
          problems, errors);
    }

    /** A folder came or went: problems found inside it may now belong to another asset. */
    private void reassignProblems(Set<String> folders) {
      Ownership now = Ownership.of(after);
      Set<String> owners = new TreeSet<>(PathOrder.COMPARATOR);
      owners.addAll(problemsIn.keySet());
      owners.addAll(now.in().keySet());
      for (String owner : owners) {
        if (!Objects.equals(problemsIn.get(owner), now.in().get(owner))) {
          folders.add(owner);
        }
      }
      problemsIn = TreePMap.fromSortedMap(now.in());
      if (!now.workspace().equals(workspaceProblems)) {
        for (int i = 0; i < workspaceProblems.size(); i++) {
          problems = problems.minus(new ProblemKey(workspaceProblems.get(i), null, i));
          errors -= workspaceProblems.get(i).isError() ? 1 : 0;
        }
        workspaceProblems = now.workspace();
        for (int i = 0; i < workspaceProblems.size(); i++) {
          problems = problems.plus(new ProblemKey(workspaceProblems.get(i), null, i), workspaceProblems.get(i));
          errors += workspaceProblems.get(i).isError() ? 1 : 0;
        }
      }
    }

    /** The ids bound to {@code folder} after the change, in id order. */
    private List<AssetId> idsAt(String folder) {
      return idsNow.computeIfAbsent(folder, f -> {
        TreeSet<AssetId> ids = new TreeSet<>();
        PSortedSet<AssetId> shared = previous.sharedFolders().get(f);
        if (shared != null) {
          ids.addAll(shared);
        } else {
          Asset asset = previous.byFolder().get(f);
          if (asset != null) {
            asset.id().ifPresent(ids::add);
          }
        }
        ids.removeAll(changedIds);
        for (AssetId id : changedIds) {
          if (after.registry().get(id).orElse(null) instanceof RegistryRecord.Bound b && b.folder().equals(f)) {
            ids.add(id);
          }
        }
        return List.copyOf(ids);
      });
    }

    /** The folders whose asset.json declares {@code name} after the change, in path order. */
    private List<String> foldersNamed(String name) {
      return namedNow.computeIfAbsent(name, n -> {
        TreeSet<String> folders = new TreeSet<>(PathOrder.COMPARATOR);
        for (Asset asset : previous.byName().getOrDefault(n, List.of())) {
          if (!changedFolders.contains(asset.folder())) {
            folders.add(asset.folder());
          }
        }
        for (String folder : changedFolders) {
          if (n.equals(nameOf(after.folders().get(folder)))) {
            folders.add(folder);
          }
        }
        return List.copyOf(folders);
      });
    }

    private void remove(AssetKey key) {
      Asset old = key.id() != null ? bound.get(key.id()) : unregistered.get(key.folder());
      if (old == null) {
        return;
      }
      if (key.id() != null) {
        bound = bound.minus(key.id());
      } else {
        unregistered = unregistered.minus(key.folder());
      }
      old.name().ifPresent(name -> {
        List<Asset> group = new ArrayList<>(byName.get(name));
        group.removeIf(a -> AssetKey.of(a).equals(key));
        byName = group.isEmpty() ? byName.minus(name) : byName.plus(name, List.copyOf(group));
      });
      List<Diagnostic> own = old.diagnostics();
      for (int i = 0; i < own.size(); i++) {
        problems = problems.minus(new ProblemKey(own.get(i), key, i));
        errors -= own.get(i).isError() ? 1 : 0;
      }
    }

    private void put(AssetKey key, Asset asset) {
      if (key.id() != null) {
        bound = bound.plus(key.id(), asset);
      } else {
        unregistered = unregistered.plus(key.folder(), asset);
      }
      asset.name().ifPresent(name -> {
        List<Asset> group = new ArrayList<>(byName.getOrDefault(name, List.of()));
        int at = 0;
        while (at < group.size() && AssetKey.of(group.get(at)).compareTo(key) < 0) {
          at++;
        }
        group.add(at, asset);
        byName = byName.plus(name, List.copyOf(group));
      });
      List<Diagnostic> own = asset.diagnostics();
      for (int i = 0; i < own.size(); i++) {
        problems = problems.plus(new ProblemKey(own.get(i), key, i), own.get(i));
        errors += own.get(i).isError() ? 1 : 0;
      }
    }

    private static String nameOf(FolderScan scan) {
      return scan == null ? null : scan.declaration().map(d -> d.name()).orElse(null);
    }

    private static void addIfPresent(Set<String> names, String name) {
      if (name != null) {
        names.add(name);
      }
    }
  }
}
