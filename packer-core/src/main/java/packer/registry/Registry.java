package packer.registry;

import java.util.Optional;
import java.util.SortedMap;
import java.util.random.RandomGenerator;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;
import packer.id.AssetId;

/**
 * The identity registry as an immutable, persistent value: every id ever issued, bound or retired.
 * Changing one record costs O(log n) and shares the rest.
 */
public final class Registry {

  public static final String FOLDER = "registry";

  private static final Registry EMPTY = new Registry(TreePMap.empty());

  private final PSortedMap<AssetId, RegistryRecord> records;

  private Registry(PSortedMap<AssetId, RegistryRecord> records) {
    this.records = records;
  }

  public static Registry empty() {
    return EMPTY;
  }

  /** A registry of exactly these records, built at once (not one record at a time). */
  public static Registry of(SortedMap<AssetId, RegistryRecord> records) {
    return new Registry(TreePMap.fromSortedMap(records));
  }

  public Registry with(RegistryRecord record) {
    return new Registry(records.plus(record.id(), record));
  }

  public Optional<RegistryRecord> get(AssetId id) {
    return Optional.ofNullable(records.get(id));
  }

  public PSortedMap<AssetId, RegistryRecord> records() {
    return records;
  }

  public int size() {
    return records.size();
  }

  /** Draws a fresh id: never one the registry has issued, bound or retired. */
  public AssetId issue(RandomGenerator random) {
    while (true) {
      AssetId candidate = AssetId.random(random);
      if (!records.containsKey(candidate)) {
        return candidate;
      }
    }
  }
}
