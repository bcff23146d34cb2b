package packer.declaration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@code asset.json} says: authoring intent only, never identity.
 *
 * @param inputs relative paths or globs inside the asset's folder, as written
 * @param params the type's parameters as canonical compact JSON ({@code {}} when none)
 * @param tags sorted, without duplicates
 * @param compression {@code none} or {@code zstd} when the asset overrides the workspace's
 *     {@code build.compression}; empty to follow it
 */
public record Declaration(
    String name, String type, List<String> inputs, String params, List<String> tags, Optional<String> compression) {

  /** The compressions an asset may ask for, as written in {@code asset.json}. */
  public static final List<String> COMPRESSIONS = List.of("none", "zstd");

  public Declaration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(params, "params");
    tags = List.copyOf(tags);
    Objects.requireNonNull(compression, "compression");
    compression.ifPresent(value -> {
      if (!COMPRESSIONS.contains(value)) {
        throw new IllegalArgumentException("compression must be none or zstd: " + value);
      }
    });
  }

  /** A declaration that follows the workspace's compression. */
  public Declaration(String name, String type, List<String> inputs, String params, List<String> tags) {
    this(name, type, inputs, params, tags, Optional.empty());
  }

  public Declaration withName(String newName) {
    return new Declaration(newName, type, inputs, params, tags, compression);
  }
}
