package packer.snapshot;

import java.util.Locale;

/** Where an asset stands between its folder and the registry. */
public enum AssetState {
  /** Bound in the registry, folder and asset.json present, no errors. */
  REGISTERED,
  /** An asset.json the registry does not know yet: {@code packer adopt} gives it an id. */
  UNREGISTERED,
  /** Bound in the registry, but its folder or asset.json is gone (moved outside packer?). */
  MISSING,
  /** Present, but with errors that keep a build from running. */
  INVALID;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AssetState parse(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
