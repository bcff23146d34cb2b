package packer.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import org.pcollections.PSortedSet;
import org.pcollections.TreePSet;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;

/**
 * One coherent, immutable, versioned view of the workspace. Every read — a listing, a response, a
 * build — is answered from a single snapshot; a newer one never changes an older one.
 *
 * <p>Its indexes are persistent maps: {@link #next} derives the snapshot after a commit from this
 * one and what the commit changed, sharing everything else, in time that grows with the change,
 * not with the workspace.
 */
public final class Snapshot {

  private final long version;
  private final WorkspaceState state;
  private final Indexes indexes;
  // Built on first use, from the indexes: a commit does not pay for a list nobody reads.
  private volatile List<Asset> assets;
  private volatile List<Diagnostic> diagnostics;

  private Snapshot(long version, WorkspaceState state, Indexes indexes) {
    this.version = version;
    this.state = state;
    this.indexes = indexes;
  }

  /** Derives every index of {@code state} from scratch. */
  public static Snapshot of(long version, WorkspaceState state) {
    return new Snapshot(version, state, Derivation.full(state));
  }

  /**
   * The snapshot of {@code next}, a state that differs from this one's only in the registry
   * records of {@code changedIds} and the folder scans of {@code changedFolders} (and, when its
   * workspace problems differ too, derived from scratch). Equal to {@code of(version, next)}.
   */
  public Snapshot next(long version, WorkspaceState next, Set<String> changedFolders, Set<AssetId> changedIds) {
    return new Snapshot(version, next, Derivation.next(indexes, state, next, changedFolders, changedIds));
  }

  public long version() {
    return version;
  }

  public WorkspaceState state() {
    return state;
  }

  /** Every asset: registered, invalid and missing ones by id, then unregistered ones by folder. */
  public List<Asset> assets() {
    List<Asset> all = assets;
    if (all == null) {
      List<Asset> list = new ArrayList<>(indexes.bound().size() + indexes.unregistered().size());
      list.addAll(indexes.bound().values());
      list.addAll(indexes.unregistered().values());
      all = List.copyOf(list);
      assets = all;
    }
    return all;
  }

  public Optional<Asset> byId(AssetId id) {
    return Optional.ofNullable(indexes.bound().get(id));
  }

  /** The assets bound in the registry, by id; unmodifiable. */
  public SortedMap<AssetId, Asset> assetsById() {
    return indexes.bound();
  }

  /** The asset whose folder (present, or bound in the registry) is {@code folder}. */
  public Optional<Asset> byFolder(String folder) {
    return Optional.ofNullable(indexes.byFolder().get(folder));
  }

  /** The assets named {@code name}: one, or several when names collide. */
  public List<Asset> byName(String name) {
    return indexes.byName().getOrDefault(name, List.of());
  }

  /** The ids the registry binds to {@code folder}: none, one, or several after a bad merge. */
  public SortedSet<AssetId> idsBoundTo(String folder) {
    PSortedSet<AssetId> shared = indexes.sharedFolders().get(folder);
    if (shared != null) {
      return shared;
    }
    Asset asset = indexes.byFolder().get(folder);
    return asset == null || asset.id().isEmpty() ? TreePSet.empty() : TreePSet.singleton(asset.id().get());
  }

  /** Every problem in the workspace, in canonical order. */
  public List<Diagnostic> diagnostics() {
    List<Diagnostic> all = diagnostics;
    if (all == null) {
      all = List.copyOf(indexes.problems().values());
      diagnostics = all;
    }
    return all;
  }

  public boolean hasErrors() {
    return indexes.errors() > 0;
  }

  /** The derived indexes, for tests that compare two derivations. */
  Indexes indexes() {
    return indexes;
  }
}
