package packer.server.api;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import packer.snapshot.Asset;

/**
 * JSON written for an asset, kept for the asset object it was written from. A commit replaces only
 * the assets it changed, so an asset's text stays good for every later snapshot that still holds
 * the same object, and is written again only once it changed. Bounded: each asset has one slot,
 * picked by its identity, and a slot holds the last asset written there.
 */
final class JsonCache<T> {

  private record Entry<T>(Asset asset, T json) {}

  private final AtomicReferenceArray<Entry<T>> slots;
  private final Function<Asset, T> writer;

  /** @param slots a power of two: how many assets' texts are kept at most */
  JsonCache(int slots, Function<Asset, T> writer) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two, not " + slots);
    }
    this.slots = new AtomicReferenceArray<>(slots);
    this.writer = writer;
  }

  T get(Asset asset) {
    int slot = mix(System.identityHashCode(asset)) & (slots.length() - 1);
    Entry<T> entry = slots.get(slot);
    if (entry != null && entry.asset() == asset) {
      return entry.json();
    }
    T json = writer.apply(asset);
    slots.set(slot, new Entry<>(asset, json));
    return json;
  }

  /** Spreads the identity hash's bits, so that the low ones that pick the slot vary. */
  private static int mix(int hash) {
    return hash ^ (hash >>> 16);
  }
}
