package packer.build;

import java.util.List;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;

/**
 * A build that did not write a pack: the workspace has errors, an input could not be processed,
 * or an input changed while the build read it. Carries every diagnostic, in workspace order; the
 * previous pack and manifest are untouched.
 */
public final class BuildFailedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;

  BuildFailedException(List<Diagnostic> diagnostics) {
    super(summary(diagnostics));
    this.diagnostics = diagnostics.stream().sorted(Diagnostic.ORDER).toList();
  }

  /** Every problem found, errors and warnings, in workspace order. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** True when the build failed only because inputs changed under it: running it again may work. */
  public boolean isConflict() {
    return diagnostics.stream()
        .filter(Diagnostic::isError)
        .allMatch(d -> d.code() == Code.INPUT_CHANGED);
  }

  private static String summary(List<Diagnostic> diagnostics) {
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    return "the build failed with " + errors + (errors == 1 ? " error" : " errors");
  }
}
