package packer.server.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import packer.id.AssetId;
import packer.path.PathOrder;
import packer.server.http.ApiError;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;

/**
 * A filtered page of a snapshot's assets, in the snapshot's order (assets with an id by id, then
 * unregistered ones by folder). The cursor names the last asset returned, so the next page starts
 * right after it even if assets were added or removed in between.
 */
record AssetQuery(
    Optional<String> type, List<String> tags, Optional<AssetState> state, Optional<String> text, int limit,
    Optional<Position> after) {

  static final Set<String> SINGLE = Set.of("type", "state", "q", "limit", "cursor");
  static final Set<String> REPEATABLE = Set.of("tag");
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  static AssetQuery parse(QueryParams params) {
    Optional<AssetState> state = params.one("state").map(AssetQuery::state);
    int limit = params.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    Optional<Position> after = params.one("cursor").map(Position::decode);
    Optional<String> text = params.one("q").map(q -> q.toLowerCase(Locale.ROOT)).filter(q -> !q.isEmpty());
    return new AssetQuery(params.one("type"), params.all("tag"), state, text, limit, after);
  }

  private static AssetState state(String label) {
    for (AssetState state : AssetState.values()) {
      if (state.label().equals(label)) {
        return state;
      }
    }
    throw ApiError.badRequest("state must be one of registered, unregistered, missing, invalid; not '" + label + "'");
  }

  boolean matches(Asset asset) {
    if (type.isPresent() && !type.equals(asset.type())) {
      return false;
    }
    if (!asset.tags().containsAll(tags)) {
      return false;
    }
    if (state.isPresent() && state.get() != asset.state()) {
      return false;
    }
    if (text.isPresent()) {
      String needle = text.get();
      boolean inName = asset.name().map(n -> n.toLowerCase(Locale.ROOT).contains(needle)).orElse(false);
      boolean inFolder = asset.folder().toLowerCase(Locale.ROOT).contains(needle);
      return inName || inFolder;
    }
    return true;
  }

  /** Every matching asset's count, and the page after the cursor. */
  Page run(Snapshot snapshot) {
    List<Asset> page = new ArrayList<>();
    int total = 0;
    boolean more = false;
    for (Asset asset : snapshot.assets()) {
      if (!matches(asset)) {
        continue;
      }
      total++;
      if (after.isPresent() && Position.of(asset).compareTo(after.get()) <= 0) {
        continue;
      }
      if (page.size() < limit) {
        page.add(asset);
      } else {
        more = true;
      }
    }
    Optional<String> next = more ? Optional.of(Position.of(page.get(page.size() - 1)).encode()) : Optional.empty();
    return new Page(total, page, next);
  }

  record Page(int total, List<Asset> assets, Optional<String> nextCursor) {}

  /** Where an asset stands in the snapshot's order. */
  record Position(Optional<AssetId> id, String folder) implements Comparable<Position> {

    static Position of(Asset asset) {
      return new Position(asset.id(), asset.folder());
    }

    @Override
    public int compareTo(Position other) {
      if (id.isPresent() != other.id.isPresent()) {
        return id.isPresent() ? -1 : 1;
      }
      if (id.isPresent()) {
        return id.get().compareTo(other.id.get());
      }
      return PathOrder.COMPARATOR.compare(folder, other.folder);
    }

    String encode() {
      String key = id.map(i -> "i:" + i.hex()).orElse("f:" + folder);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(String cursor) {
      String key;
      try {
        key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw badCursor();
      }
      if (key.startsWith("i:") && AssetId.isWellFormed(key.substring(2))) {
        return new Position(Optional.of(AssetId.parse(key.substring(2))), "");
      }
      if (key.startsWith("f:") && key.length() > 2) {
        return new Position(Optional.empty(), key.substring(2));
      }
      throw badCursor();
    }

    private static ApiError badCursor() {
      return ApiError.badRequest("cursor is not one this server gave out; start again without it");
    }
  }
}
