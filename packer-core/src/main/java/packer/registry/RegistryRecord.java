package packer.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import packer.id.AssetId;
import packer.json.CanonicalJson;

/** What the registry knows of one id: the folder it is bound to, or that it is retired for good. */
public sealed interface RegistryRecord {

  AssetId id();

  /** The record's path in the workspace: {@code registry/3f/9a0c1d2e4b5a67.json}. */
  static String pathOf(AssetId id) {
    String hex = id.hex();
    return Registry.FOLDER + "/" + hex.substring(0, 2) + "/" + hex.substring(2) + ".json";
  }

  /** Canonical JSON: sorted keys, UTF-8, one line, {@code \n}. */
  byte[] toJson();

  record Bound(AssetId id, String folder) implements RegistryRecord {
    @Override
    public byte[] toJson() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("folder", folder);
      node.put("id", id.hex());
      return CanonicalJson.compact(node);
    }
  }

  /** A tombstone: the asset was removed and its id may never be issued again. */
  record Retired(AssetId id) implements RegistryRecord {
    @Override
    public byte[] toJson() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("id", id.hex());
      node.put("retired", true);
      return CanonicalJson.compact(node);
    }
  }
}
