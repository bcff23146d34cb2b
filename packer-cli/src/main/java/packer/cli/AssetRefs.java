package packer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import packer.id.AssetId;
import packer.registry.RegistryRecord;
import packer.path.WorkspacePath;
import packer.snapshot.Asset;
import packer.snapshot.Snapshot;

/**
 * Resolves what a user types to name an asset, as git resolves revisions: a full id, a unique id
 * prefix of at least 4 hex digits, a name, or a folder (relative to where packer was started).
 */
final class AssetRefs {

  static final int MIN_PREFIX = 4;

  private AssetRefs() {}

  static Asset resolve(Snapshot snapshot, String typed, Path base, Path root) throws UsageException {
    // Names and folders are stored in NFC; a decomposed form typed on macOS means the same thing.
    String ref = java.text.Normalizer.normalize(typed, java.text.Normalizer.Form.NFC);
    if (AssetId.isWellFormed(ref)) {
      AssetId id = AssetId.parse(ref);
      Optional<Asset> byId = snapshot.byId(id);
      if (byId.isPresent()) {
        return byId.get();
      }
      if (snapshot.state().registry().get(id).filter(r -> r instanceof RegistryRecord.Retired).isPresent()) {
        throw new UsageException("asset " + id + " was removed: its id is retired for good and names no asset");
      }
    }
    if (ref.length() >= MIN_PREFIX && ref.length() < AssetId.HEX_DIGITS && isHex(ref)) {
      List<Asset> matches = new ArrayList<>();
      for (Asset asset : snapshot.assetsById().values()) {
        if (asset.id().orElseThrow().hex().startsWith(ref)) {
          matches.add(asset);
        }
      }
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        List<String> ids = new ArrayList<>();
        matches.forEach(a -> ids.add(a.id().orElseThrow().hex() + " (" + a.name().orElse(a.folder()) + ")"));
        throw new UsageException("the id prefix '" + ref + "' is ambiguous: it matches "
            + String.join(", ", ids) + "; type more digits");
      }
    }
    List<Asset> named = snapshot.byName(ref);
    if (named.size() == 1) {
      return named.get(0);
    }
    if (named.size() > 1) {
      List<String> folders = new ArrayList<>();
      named.forEach(a -> folders.add(a.folder()));
      throw new UsageException("the name '" + ref + "' is used by several assets (" + String.join(", ", folders)
          + "); name one by its id or folder");
    }
    Optional<String> folder = folderOf(ref, base, root);
    if (folder.isPresent()) {
      Optional<Asset> byFolder = snapshot.byFolder(folder.get());
      if (byFolder.isPresent()) {
        return byFolder.get();
      }
    }
    throw new UsageException("no asset matches '" + ref + "': give an id, an id prefix of at least "
        + MIN_PREFIX + " digits, a name or a folder (packer ls lists them)");
  }

  /** The workspace-relative form of a folder the user typed, if it lies inside the workspace. */
  static Optional<String> folderOf(String typed, Path base, Path root) {
    Path absolute = base.resolve(typed).toAbsolutePath().normalize();
    if (!absolute.startsWith(root) || absolute.equals(root)) {
      return Optional.empty();
    }
    return Optional.of(WorkspacePath.relativize(root, absolute));
  }

  /** Like {@link #folderOf}, but a folder outside the workspace is a usage error. */
  static String requireFolder(String typed, Path base, Path root) throws UsageException {
    return folderOf(typed, base, root).orElseThrow(() -> new UsageException(
        "'" + typed + "' is not a folder inside the workspace " + root.getFileName()));
  }

  /** Lowercase hex digits only (an empty text passes: callers check the length). */
  static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
