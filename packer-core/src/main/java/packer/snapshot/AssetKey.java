package packer.snapshot;

import packer.id.AssetId;
import packer.path.PathOrder;

/**
 * Where an asset stands in {@link Snapshot#assets()}: assets bound in the registry by id, then
 * unregistered ones by folder.
 *
 * @param id null for an unregistered asset
 */
record AssetKey(AssetId id, String folder) implements Comparable<AssetKey> {

  static AssetKey bound(AssetId id) {
    return new AssetKey(id, null);
  }

  static AssetKey unregistered(String folder) {
    return new AssetKey(null, folder);
  }

  static AssetKey of(Asset asset) {
    return asset.id().map(AssetKey::bound).orElseGet(() -> unregistered(asset.folder()));
  }

  @Override
  public int compareTo(AssetKey other) {
    if (id != null && other.id != null) {
      return id.compareTo(other.id);
    }
    if (id != null || other.id != null) {
      return id != null ? -1 : 1;
    }
    return PathOrder.compare(folder, other.folder);
  }
}
