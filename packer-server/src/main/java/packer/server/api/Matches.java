package packer.server.api;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import packer.snapshot.Asset;
import packer.snapshot.Snapshot;

/**
 * The assets each recent filter selects in the current snapshot, so that paging through a list or
 * asking again does not go through every asset again. Kept for one snapshot at a time: a newer one
 * starts afresh, and a request still reading an older one computes its own.
 */
final class Matches {

  static final int FILTERS_KEPT = 64;

  private record Kept(Snapshot snapshot, ConcurrentHashMap<AssetQuery.Filter, List<Asset>> selected) {}

  private volatile Kept kept = new Kept(null, new ConcurrentHashMap<>());

  List<Asset> of(Snapshot snapshot, AssetQuery.Filter filter) {
    Kept now = kept;
    if (now.snapshot() != snapshot) {
      if (now.snapshot() != null && snapshot.version() < now.snapshot().version()) {
        return filter.select(snapshot);
      }
      now = new Kept(snapshot, new ConcurrentHashMap<>());
      kept = now;
    }
    List<Asset> selected = now.selected().get(filter);
    if (selected != null) {
      return selected;
    }
    if (now.selected().size() >= FILTERS_KEPT) {
      now.selected().clear();
    }
    // Requests that arrive together for a new snapshot wait for one selection instead of each making it.
    return now.selected().computeIfAbsent(filter, f -> f.select(snapshot));
  }
}
