package packer.snapshot;

import java.util.List;
import java.util.Optional;
import packer.declaration.Declaration;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.scan.ResolvedInput;

/**
 * One asset as a snapshot sees it.
 *
 * @param id empty for an unregistered asset
 * @param declaration empty when the asset is missing, or its asset.json could not be read
 */
public record Asset(
    Optional<AssetId> id,
    String folder,
    AssetState state,
    Optional<Declaration> declaration,
    List<ResolvedInput> inputs,
    List<Diagnostic> diagnostics) {

  public Asset {
    inputs = List.copyOf(inputs);
    diagnostics = List.copyOf(diagnostics);
  }

  public Optional<String> name() {
    return declaration.map(Declaration::name);
  }

  public Optional<String> type() {
    return declaration.map(Declaration::type);
  }

  public List<String> tags() {
    return declaration.map(Declaration::tags).orElse(List.of());
  }
}
