package packer.declaration;

import java.util.List;
import java.util.Objects;

/**
 * What an {@code asset.json} says: authoring intent only, never identity.
 *
 * @param inputs relative paths or globs inside the asset's folder, as written
 * @param params the type's parameters as canonical compact JSON ({@code {}} when none)
 * @param tags sorted, without duplicates
 */
public record Declaration(String name, String type, List<String> inputs, String params, List<String> tags) {

  public Declaration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(params, "params");
    tags = List.copyOf(tags);
  }

  public Declaration withName(String newName) {
    return new Declaration(newName, type, inputs, params, tags);
  }
}
