package packer.diagnostic;

import java.util.Comparator;
import java.util.Objects;
import packer.path.PathOrder;

/**
 * One problem found in the workspace, located in a file and told with its fix.
 *
 * @param file the workspace-relative, {@code /}-separated path of the file at fault
 * @param line 1-based line, or 0 when the problem is about the whole file
 * @param column 1-based column, or 0 when the problem is about the whole line or file
 */
public record Diagnostic(Severity severity, Code code, String file, int line, int column, String message) {

  /** Workspace order: by file in canonical path order, then position, then code and message. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(Diagnostic::file, PathOrder.COMPARATOR)
          .thenComparingInt(Diagnostic::line)
          .thenComparingInt(Diagnostic::column)
          .thenComparing(Diagnostic::code)
          .thenComparing(Diagnostic::message, PathOrder.COMPARATOR);

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column are 1-based, or 0 for none");
    }
  }

  public static Diagnostic error(Code code, String file, int line, int column, String message) {
    return new Diagnostic(Severity.ERROR, code, file, line, column, message);
  }

  public static Diagnostic warning(Code code, String file, int line, int column, String message) {
    return new Diagnostic(Severity.WARNING, code, file, line, column, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code path:line:col: error[CODE]: message}, as compilers print them. */
  public String format() {
    return file + ":" + line + ":" + column + ": " + severity.label() + "[" + code.id() + "]: " + message;
  }
}
