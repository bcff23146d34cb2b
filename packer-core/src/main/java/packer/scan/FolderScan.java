package packer.scan;

import java.util.List;
import java.util.Optional;
import packer.declaration.Declaration;
import packer.diagnostic.Diagnostic;
import packer.json.Located;

/**
 * One asset folder as read from disk: its declaration, the hash of its {@code asset.json} bytes
 * (so the lane can tell if it changed since), where its name is written, its expanded inputs and
 * its own problems.
 */
public record FolderScan(
    String folder,
    String declarationHash,
    Optional<Declaration> declaration,
    Located nameAt,
    List<ResolvedInput> inputs,
    List<Diagnostic> diagnostics) {

  public FolderScan {
    inputs = List.copyOf(inputs);
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
