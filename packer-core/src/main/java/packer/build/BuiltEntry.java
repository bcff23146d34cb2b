package packer.build;

import java.util.List;
import packer.id.AssetId;

/**
 * One entry of a built pack, as listed in the manifest.
 *
 * @param compression the codec name, {@code none} in this version
 * @param sha256 lowercase hex SHA-256 of the raw (processed) bytes
 * @param processorVersion the version of the type's processor that made the bytes
 * @param inputs the asset's inputs in canonical order
 */
public record BuiltEntry(
    AssetId id,
    String name,
    String type,
    int processorVersion,
    long rawSize,
    long storedSize,
    String compression,
    String sha256,
    List<BuiltInput> inputs) {

  public BuiltEntry {
    inputs = List.copyOf(inputs);
  }
}
