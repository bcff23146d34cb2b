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
record AssetQuery(Filter filter, int limit, Optional<Position> after) {

  static final Set<String> SINGLE = Set.of("type", "state", "q", "limit", "cursor");
  static final Set<String> REPEATABLE = Set.of("tag");
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  static AssetQuery parse(QueryParams params) {
    Optional<AssetState> state = params.one("state").map(AssetQuery::state);
    int limit = params.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    Optional<Position> after = params.one("cursor").map(Position::decode);
    Optional<String> text = params.one("q").map(q -> q.toLowerCase(Locale.ROOT)).filter(q -> !q.isEmpty());
    return new AssetQuery(new Filter(params.one("type"), List.copyOf(params.all("tag")), state, text), limit, after);
  }

  private static AssetState state(String label) {
    for (AssetState state : AssetState.values()) {
      if (state.label().equals(label)) {
        return state;
      }
    }
    throw ApiError.badRequest("state must be one of registered, unregistered, missing, invalid; not '" + label + "'");
  }

  /**
   * What a query selects, whatever the page: type, every tag, state, and text in the name or the
   * folder, ignoring case.
   */
  record Filter(Optional<String> type, List<String> tags, Optional<AssetState> state, Optional<String> text) {

    boolean matches(Asset asset) {
      if (type.isPresent() && !type.equals(asset.type())) {
        return false;
      }
      if (!tags.isEmpty() && !asset.tags().containsAll(tags)) {
        return false;
      }
      if (state.isPresent() && state.get() != asset.state()) {
        return false;
      }
      if (text.isPresent()) {
        String needle = text.get();
        return asset.name().map(n -> containsLowerCase(n, needle)).orElse(false)
            || containsLowerCase(asset.folder(), needle);
      }
      return true;
    }

    /** The matching assets of {@code snapshot}, in its order. */
    List<Asset> select(Snapshot snapshot) {
      List<Asset> matching = new ArrayList<>();
      for (Asset asset : snapshot.assets()) {
        if (matches(asset)) {
          matching.add(asset);
        }
      }
      return List.copyOf(matching);
    }
  }

  /**
   * Whether {@code text.toLowerCase(Locale.ROOT)} contains {@code needle} (lowercase already),
   * without making the lowercase copy when {@code text} is ASCII, as names and folders mostly are.
   */
  static boolean containsLowerCase(String text, String needle) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (text.charAt(i) >= 0x80) {
        return text.toLowerCase(Locale.ROOT).contains(needle);
      }
    }
    int m = needle.length();
    outer:
    for (int start = 0; start + m <= n; start++) {
      for (int k = 0; k < m; k++) {
        char c = text.charAt(start + k);
        if (c >= 'A' && c <= 'Z') {
          c = (char) (c + ('a' - 'A'));
        }
        if (c != needle.charAt(k)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The page after the cursor of {@code matching}, the filter's assets in snapshot order. */
  Page page(List<Asset> matching) {
    int from = 0;
    if (after.isPresent()) {
      // Snapshot order is position order: the first asset past the cursor, by binary search.
      int low = 0;
      int high = matching.size();
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (Position.of(matching.get(mid)).compareTo(after.get()) <= 0) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      from = low;
    }
    int to = Math.min(matching.size(), from + limit);
    List<Asset> page = matching.subList(from, to);
    Optional<String> next =
        to < matching.size() && to > from ? Optional.of(Position.of(page.get(page.size() - 1)).encode()) : Optional.empty();
    return new Page(matching.size(), page, next);
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
