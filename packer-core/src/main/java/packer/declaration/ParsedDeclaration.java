package packer.declaration;

import java.util.List;
import java.util.Optional;
import packer.diagnostic.Diagnostic;
import packer.json.Located;

/**
 * The outcome of reading one {@code asset.json}: the declaration when its name and type could be
 * read (even if other parts are wrong), where its name and each input are written, and every
 * problem found.
 */
public record ParsedDeclaration(
    Optional<Declaration> declaration, Located nameAt, List<Located> inputsAt, List<Diagnostic> diagnostics) {

  public ParsedDeclaration {
    inputsAt = List.copyOf(inputsAt);
    diagnostics = List.copyOf(diagnostics);
  }

  static ParsedDeclaration unreadable(List<Diagnostic> diagnostics) {
    return new ParsedDeclaration(Optional.empty(), new Located(1, 1), List.of(), diagnostics);
  }

  /** Where input {@code index} is written, or the file's start when unknown. */
  public Located inputAt(int index) {
    return index < inputsAt.size() ? inputsAt.get(index) : new Located(1, 1);
  }
}
