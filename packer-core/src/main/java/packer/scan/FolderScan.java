package packer.scan;

import java.util.List;
import java.util.Optional;
import packer.declaration.Declaration;
import packer.diagnostic.Diagnostic;
import packer.json.Located;

/**
 * One asset folder as read from disk: its declaration, the digest of its {@code asset.json} bytes
 * (so the lane can tell if it changed since), where its name is written, its expanded inputs and
 * its own problems.
 */
public record FolderScan(
    String folder,
    Digest declarationDigest,
    Optional<Declaration> declaration,
    Located nameAt,
    List<ResolvedInput> inputs,
    List<Diagnostic> diagnostics) {

  public FolderScan {
    inputs = List.copyOf(inputs);
    diagnostics = List.copyOf(diagnostics);
  }

  /** @param declarationHash the SHA-256 of the asset.json bytes, as 64 hex digits */
  public FolderScan(String folder, String declarationHash, Optional<Declaration> declaration, Located nameAt,
      List<ResolvedInput> inputs, List<Diagnostic> diagnostics) {
    this(folder, Digest.ofHex(declarationHash), declaration, nameAt, inputs, diagnostics);
  }

  /** The SHA-256 of the asset.json bytes, as 64 lowercase hex digits ({@link Sha256#hex}). */
  public String declarationHash() {
    return declarationDigest.hex();
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
