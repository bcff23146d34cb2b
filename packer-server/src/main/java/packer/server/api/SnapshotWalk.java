package packer.server.api;

import java.util.List;
import packer.path.PathOrder;
import packer.snapshot.Asset;

/**
 * Two snapshots' assets side by side, in the order both list them (assets with an id by id, then
 * unregistered ones by folder): what changed between them, found by walking both lists once. An
 * asset a commit did not touch is the same object in both, so most steps are one comparison of
 * references.
 */
final class SnapshotWalk {

  /** Called for every position of either list, in order. */
  interface Step {
    /**
     * @param before the asset at this position before, or null when it was added
     * @param after the asset at this position after, or null when it was removed
     */
    void pair(Asset before, Asset after);
  }

  private SnapshotWalk() {}

  static void walk(List<Asset> before, List<Asset> after, Step step) {
    walk(before, after, step, false);
  }

  /** Like {@link #walk}, but only for the positions whose asset is not the same object before and after. */
  static void changes(List<Asset> before, List<Asset> after, Step step) {
    walk(before, after, step, true);
  }

  private static void walk(List<Asset> before, List<Asset> after, Step step, boolean changesOnly) {
    int i = 0;
    int j = 0;
    while (i < before.size() || j < after.size()) {
      if (changesOnly) {
        while (i < before.size() && j < after.size() && before.get(i) == after.get(j)) {
          i++;
          j++;
        }
        if (i == before.size() && j == after.size()) {
          return;
        }
      }
      Asset b = i < before.size() ? before.get(i) : null;
      Asset a = j < after.size() ? after.get(j) : null;
      int order = b == a ? 0 : b == null ? 1 : a == null ? -1 : compare(b, a);
      if (order == 0) {
        step.pair(b, a);
        i++;
        j++;
      } else if (order < 0) {
        step.pair(b, null);
        i++;
      } else {
        step.pair(null, a);
        j++;
      }
    }
  }

  /** The snapshot order of two assets: 0 when they stand at the same place (same id, or same folder without one). */
  static int compare(Asset x, Asset y) {
    boolean xId = x.id().isPresent();
    if (xId != y.id().isPresent()) {
      return xId ? -1 : 1;
    }
    if (xId) {
      return x.id().get().compareTo(y.id().get());
    }
    return PathOrder.COMPARATOR.compare(x.folder(), y.folder());
  }
}
