package packer.snapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import packer.declaration.DeclarationReader;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.path.PathOrder;
import packer.path.WorkspacePath;
import packer.registry.RegistryRecord;
import packer.scan.FolderScan;

/**
 * One coherent, immutable, versioned view of the workspace. Every read — a listing, a response, a
 * build — is answered from a single snapshot; a newer one never changes an older one.
 */
public final class Snapshot {

  private final long version;
  private final WorkspaceState state;
  private final SortedMap<AssetId, Asset> byId;
  private final SortedMap<String, Asset> byFolder;
  private final SortedMap<String, List<Asset>> byName;
  private final List<Asset> assets;
  private final List<Diagnostic> diagnostics;

  private Snapshot(long version, WorkspaceState state) {
    this.version = version;
    this.state = state;
    Derivation derived = new Derivation(state);
    this.byId = Collections.unmodifiableSortedMap(derived.byId);
    this.byFolder = Collections.unmodifiableSortedMap(derived.byFolder);
    this.byName = Collections.unmodifiableSortedMap(derived.byName);
    this.assets = List.copyOf(derived.assets);
    this.diagnostics = List.copyOf(derived.diagnostics);
  }

  public static Snapshot of(long version, WorkspaceState state) {
    return new Snapshot(version, state);
  }

  public long version() {
    return version;
  }

  public WorkspaceState state() {
    return state;
  }

  /** Every asset: registered, invalid and missing ones by id, then unregistered ones by folder. */
  public List<Asset> assets() {
    return assets;
  }

  public Optional<Asset> byId(AssetId id) {
    return Optional.ofNullable(byId.get(id));
  }

  public SortedMap<AssetId, Asset> assetsById() {
    return byId;
  }

  /** The asset whose folder (present, or bound in the registry) is {@code folder}. */
  public Optional<Asset> byFolder(String folder) {
    return Optional.ofNullable(byFolder.get(folder));
  }

  /** The assets named {@code name}: one, or several when names collide. */
  public List<Asset> byName(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /** Every problem in the workspace, in canonical order. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  /** Builds the indexes and the diagnostics that need the whole workspace in view. */
  private static final class Derivation {
    final SortedMap<AssetId, Asset> byId = new TreeMap<>();
    final SortedMap<String, Asset> byFolder = new TreeMap<>(PathOrder.COMPARATOR);
    final SortedMap<String, List<Asset>> byName = new TreeMap<>(PathOrder.COMPARATOR);
    final List<Asset> assets = new ArrayList<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();

    Derivation(WorkspaceState state) {
      // A problem found in a file inside an asset folder (a case clash, a nested asset.json) makes
      // that asset invalid; the rest belong to the workspace as a whole.
      Map<String, List<Diagnostic>> extra = new TreeMap<>(PathOrder.COMPARATOR);
      Map<AssetId, List<Diagnostic>> extraById = new TreeMap<>();
      for (Diagnostic problem : state.sourceDiagnostics()) {
        String owner = owningFolder(state, problem.file());
        if (owner != null) {
          extra.computeIfAbsent(owner, f -> new ArrayList<>()).add(problem);
        } else {
          diagnostics.add(problem);
        }
      }
      SortedMap<String, List<AssetId>> idsByFolder = new TreeMap<>(PathOrder.COMPARATOR);
      for (RegistryRecord record : state.registry().records().values()) {
        if (record instanceof RegistryRecord.Bound bound) {
          idsByFolder.computeIfAbsent(bound.folder(), f -> new ArrayList<>()).add(bound.id());
        }
      }
      idsByFolder.forEach((folder, ids) -> {
        if (ids.size() > 1) {
          for (AssetId id : ids) {
            extraById.computeIfAbsent(id, i -> new ArrayList<>()).add(Diagnostic.error(Code.FOLDER_BOUND_TWICE,
                RegistryRecord.pathOf(id), 1, 1,
                "ids " + join(ids) + " are all bound to " + folder
                    + " (as after a merge where two branches adopted it); keep one: packer rm --keep-files "
                    + ids.get(ids.size() - 1)));
          }
        }
      });
      nameCollisions(state, extra);
      for (RegistryRecord record : state.registry().records().values()) {
        if (record instanceof RegistryRecord.Bound bound) {
          FolderScan scan = state.folders().get(bound.folder());
          List<Diagnostic> own = extraById.getOrDefault(bound.id(), List.of());
          Asset asset = scan == null ? missing(bound, own) : present(Optional.of(bound.id()), scan, extra, own);
          byId.put(bound.id(), asset);
          byFolder.putIfAbsent(bound.folder(), asset);
          assets.add(asset);
        }
      }
      for (FolderScan scan : state.folders().values()) {
        if (!idsByFolder.containsKey(scan.folder())) {
          Asset asset = present(Optional.empty(), scan, extra, List.of());
          byFolder.put(scan.folder(), asset);
          assets.add(asset);
        }
      }
      for (Asset asset : assets) {
        diagnostics.addAll(asset.diagnostics());
        asset.name().ifPresent(name -> byName.computeIfAbsent(name, n -> new ArrayList<>()).add(asset));
      }
      byName.replaceAll((name, list) -> List.copyOf(list));
      diagnostics.sort(Diagnostic.ORDER);
    }

    /** The asset folder holding {@code file}, or null when it lies in no asset folder. */
    private static String owningFolder(WorkspaceState state, String file) {
      for (String folder = WorkspacePath.parent(file); !folder.isEmpty(); folder = WorkspacePath.parent(folder)) {
        if (state.folders().containsKey(folder)) {
          return folder;
        }
      }
      return state.folders().containsKey(file) ? file : null;
    }

    private static void nameCollisions(WorkspaceState state, Map<String, List<Diagnostic>> extra) {
      SortedMap<String, List<FolderScan>> byName = new TreeMap<>(PathOrder.COMPARATOR);
      for (FolderScan scan : state.folders().values()) {
        scan.declaration().ifPresent(d -> byName.computeIfAbsent(d.name(), n -> new ArrayList<>()).add(scan));
      }
      byName.forEach((name, scans) -> {
        if (scans.size() < 2) {
          return;
        }
        for (FolderScan scan : scans) {
          List<String> others = new ArrayList<>();
          scans.stream().filter(s -> s != scan).forEach(s -> others.add(s.folder()));
          extra.computeIfAbsent(scan.folder(), f -> new ArrayList<>()).add(Diagnostic.error(
              Code.DUPLICATE_NAME, scan.folder() + "/" + DeclarationReader.FILE_NAME,
              scan.nameAt().line(), scan.nameAt().column(),
              "the name '" + name + "' is also used by " + String.join(", ", others)
                  + "; names are unique in the workspace: packer rename one of them"));
        }
      });
    }

    private static Asset missing(RegistryRecord.Bound bound, List<Diagnostic> own) {
      Diagnostic problem = Diagnostic.error(Code.MISSING_ASSET, RegistryRecord.pathOf(bound.id()), 1, 1,
          "asset " + bound.id() + " is bound to " + bound.folder() + ", which has no asset.json;"
              + " if it was moved, run packer doctor --fix or packer relocate " + bound.id()
              + " NEW_FOLDER; if it was deleted on purpose, run packer rm " + bound.id());
      List<Diagnostic> problems = new ArrayList<>(own);
      problems.add(problem);
      problems.sort(Diagnostic.ORDER);
      return new Asset(Optional.of(bound.id()), bound.folder(), AssetState.MISSING, Optional.empty(),
          List.of(), problems);
    }

    private static Asset present(
        Optional<AssetId> id, FolderScan scan, Map<String, List<Diagnostic>> extra, List<Diagnostic> own) {
      List<Diagnostic> problems = new ArrayList<>(scan.diagnostics());
      problems.addAll(extra.getOrDefault(scan.folder(), List.of()));
      problems.addAll(own);
      boolean errors = problems.stream().anyMatch(Diagnostic::isError);
      if (id.isEmpty() && !errors) {
        problems.add(Diagnostic.warning(Code.UNREGISTERED, scan.folder() + "/" + DeclarationReader.FILE_NAME, 0, 0,
            "this asset has no id yet; run packer adopt " + scan.folder()));
      }
      problems.sort(Diagnostic.ORDER);
      AssetState state = errors ? AssetState.INVALID : id.isPresent() ? AssetState.REGISTERED : AssetState.UNREGISTERED;
      return new Asset(id, scan.folder(), state, scan.declaration(), scan.inputs(), problems);
    }

    private static String join(List<AssetId> ids) {
      List<String> hex = new ArrayList<>();
      ids.forEach(id -> hex.add(id.hex()));
      return String.join(", ", hex);
    }
  }
}
