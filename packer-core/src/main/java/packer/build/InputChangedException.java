package packer.build;

import java.io.IOException;
import packer.diagnostic.Diagnostic;

/**
 * An input file changed after the build hashed it, found while its bytes were copied into the
 * pack: the write fails, the old pack stays, and the build reports {@link #diagnostic()}.
 */
final class InputChangedException extends IOException {

  private final transient Diagnostic diagnostic;

  InputChangedException(Diagnostic diagnostic) {
    super(diagnostic.message());
    this.diagnostic = diagnostic;
  }

  Diagnostic diagnostic() {
    return diagnostic;
  }
}
