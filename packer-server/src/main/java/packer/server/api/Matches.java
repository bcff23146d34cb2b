package packer.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import packer.server.http.Json;
import packer.snapshot.Asset;
import packer.snapshot.Snapshot;

/**
 * What list requests share, so that asking again, paging, or asking after a commit does not go
 * through every asset again: the assets each recent filter selects in the current snapshot, the
 * pages written for it, and each listed asset's summary as JSON text.
 *
 * <p>Selections and pages are kept for one snapshot at a time: a newer one starts afresh, and a
 * request still reading an older one computes its own. A newer snapshot's selection is derived from
 * the one before it by {@link SnapshotWalk}: only the assets a commit changed are tested again.
 * Summaries are kept per asset object ({@link JsonCache}), so they outlive the snapshot they were
 * written for as long as the asset is unchanged.
 */
final class Matches {

  static final int FILTERS_KEPT = 64;
  static final int PAGES_KEPT = 64;
  static final int SUMMARIES_KEPT = 1 << 14;

  /** What is kept for {@code snapshot}, and the selections of the snapshot kept before it. */
  private record Kept(
      Snapshot snapshot, ConcurrentHashMap<AssetQuery.Filter, List<Asset>> selected,
      ConcurrentHashMap<AssetQuery, byte[]> pages, Snapshot previous,
      Map<AssetQuery.Filter, List<Asset>> previousSelected) {

    /** What a newer snapshot starts from: this one's selections, or those this one started from if it made none. */
    Kept next(Snapshot newer) {
      boolean none = selected.isEmpty();
      return new Kept(newer, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), none ? previous : snapshot,
          none ? previousSelected : selected);
    }
  }

  private final JsonCache<RawValue> summaries =
      new JsonCache<>(SUMMARIES_KEPT, asset -> new RawValue(write(AssetJson.summary(asset))));
  private volatile Kept kept = new Kept(null, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), null, Map.of());

  /** What is kept for {@code snapshot}, or null when it is older than the snapshot kept. */
  private Kept keptFor(Snapshot snapshot) {
    Kept now = kept;
    if (now.snapshot() == snapshot) {
      return now;
    }
    if (now.snapshot() != null && snapshot.version() < now.snapshot().version()) {
      return null;
    }
    now = now.next(snapshot);
    kept = now;
    return now;
  }

  /** The summary of {@code asset}, as {@link AssetJson#summary} writes it. */
  Object summary(Asset asset) {
    return summaries.get(asset);
  }

  List<Asset> of(Snapshot snapshot, AssetQuery.Filter filter) {
    Kept now = keptFor(snapshot);
    if (now == null) {
      return filter.select(snapshot);
    }
    List<Asset> selected = now.selected().get(filter);
    if (selected != null) {
      return selected;
    }
    if (now.selected().size() >= FILTERS_KEPT) {
      now.selected().clear();
    }
    // Requests that arrive together for a new snapshot wait for one selection instead of each making it.
    return now.selected().computeIfAbsent(filter, f -> {
      List<Asset> before = now.previousSelected().get(f);
      return before == null ? f.select(snapshot) : reselect(now.previous().assets(), before, snapshot.assets(), f);
    });
  }

  /** The body of {@code query}'s page of {@code snapshot}: kept, or written by {@code writer} and kept. */
  byte[] page(Snapshot snapshot, AssetQuery query, Supplier<byte[]> writer) {
    Kept now = keptFor(snapshot);
    if (now == null) {
      return writer.get();
    }
    byte[] page = now.pages().get(query);
    if (page != null) {
      return page;
    }
    if (now.pages().size() >= PAGES_KEPT) {
      now.pages().clear();
    }
    return now.pages().computeIfAbsent(query, q -> writer.get());
  }

  /**
   * What {@code filter} selects of {@code after}, given what it selected of {@code before}: an asset
   * both hold as the same object keeps its answer; only the others are tested.
   */
  static List<Asset> reselect(List<Asset> before, List<Asset> selectedBefore, List<Asset> after,
      AssetQuery.Filter filter) {
    List<Asset> selected = new ArrayList<>(selectedBefore.size() + 16);
    int[] next = {0}; // The first asset of selectedBefore not yet walked past.
    SnapshotWalk.walk(before, after, (b, a) -> {
      boolean was = b != null && next[0] < selectedBefore.size() && selectedBefore.get(next[0]) == b;
      if (was) {
        next[0]++;
      }
      if (a != null && (a == b ? was : filter.matches(a))) {
        selected.add(a);
      }
    });
    return List.copyOf(selected);
  }

  private static String write(Object json) {
    try {
      return Json.mapper().writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
