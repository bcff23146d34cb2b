package packer.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import packer.server.http.Json;
import packer.snapshot.Asset;
import packer.snapshot.Snapshot;

/**
 * The assets each recent filter selects in the current snapshot, so that paging through a list or
 * asking again does not go through every asset again, and each listed asset's summary as JSON text,
 * written once. Kept for one snapshot at a time: a newer one starts afresh, and a request still
 * reading an older one computes its own.
 */
final class Matches {

  static final int FILTERS_KEPT = 64;

  private record Kept(
      Snapshot snapshot, ConcurrentHashMap<AssetQuery.Filter, List<Asset>> selected,
      ConcurrentHashMap<Same, RawValue> summaries) {}

  /** An asset as a key by identity: a snapshot holds each of its assets once. */
  private record Same(Asset asset) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Same same && same.asset == asset;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(asset);
    }
  }

  private volatile Kept kept = new Kept(null, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());

  /** What is kept for {@code snapshot}, or null when it is older than the snapshot kept. */
  private Kept keptFor(Snapshot snapshot) {
    Kept now = kept;
    if (now.snapshot() == snapshot) {
      return now;
    }
    if (now.snapshot() != null && snapshot.version() < now.snapshot().version()) {
      return null;
    }
    now = new Kept(snapshot, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    kept = now;
    return now;
  }

  /** The summary of {@code asset} of {@code snapshot}, as {@link AssetJson#summary} writes it. */
  Object summary(Snapshot snapshot, Asset asset) {
    Kept now = keptFor(snapshot);
    if (now == null) {
      return AssetJson.summary(asset);
    }
    return now.summaries().computeIfAbsent(new Same(asset), same -> {
      try {
        return new RawValue(Json.mapper().writeValueAsString(AssetJson.summary(asset)));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    });
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
    return now.selected().computeIfAbsent(filter, f -> f.select(snapshot));
  }
}
