package packer.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import packer.id.AssetId;

/**
 * What the registry must hold, kept from the lane's receipts alone: every id it ever issued, the
 * folder each live id is bound to, and the ids it retired. Nothing but the lane writes the
 * registry, so the registry on disk must always equal this.
 */
final class IdentityModel {

  private final SortedSet<AssetId> issued = new TreeSet<>();
  private final SortedSet<AssetId> retired = new TreeSet<>();
  private final SortedMap<AssetId, String> bindings = new TreeMap<>();

  /** A create or an adopt: the id must be new, whether earlier ids are bound or retired. */
  void issued(AssetId id, String folder) {
    assertThat(issued).as("ids issued before %s", id).doesNotContain(id);
    issued.add(id);
    bindings.put(id, folder);
  }

  /** A move or a relocate: same id, new folder. */
  void rebound(AssetId id, String folder) {
    assertThat(bindings).as("live ids").containsKey(id);
    bindings.put(id, folder);
  }

  void retired(AssetId id) {
    assertThat(bindings.remove(id)).as("folder of the removed id %s", id).isNotNull();
    retired.add(id);
  }

  SortedSet<AssetId> issued() {
    return Collections.unmodifiableSortedSet(issued);
  }

  SortedSet<AssetId> retired() {
    return Collections.unmodifiableSortedSet(retired);
  }

  SortedMap<AssetId, String> bindings() {
    return Collections.unmodifiableSortedMap(bindings);
  }
}
