package packer.cli;

import java.util.List;
import packer.diagnostic.Diagnostic;

/** Diagnostics as people read them: {@code path:line:col: error[code]: message}. */
final class Diagnostics {

  private Diagnostics() {}

  static String render(Terminal terminal, Diagnostic diagnostic) {
    String text = diagnostic.format();
    return diagnostic.isError() ? terminal.red(text) : terminal.yellow(text);
  }

  static long errors(List<Diagnostic> diagnostics) {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  /**
   * Prints {@code diagnostics} on stdout: one rendered line each, or with {@code --json} one object
   * {@code {"errors", "warnings", "diagnostics"}}. The command adds its own summary on stderr.
   */
  static void print(Terminal terminal, boolean json, List<Diagnostic> diagnostics) {
    long errors = errors(diagnostics);
    if (json) {
      JsonOutput.print(terminal, JsonOutput.NODES.objectNode()
          .put("errors", errors)
          .put("warnings", diagnostics.size() - errors)
          .set("diagnostics", JsonOutput.diagnostics(diagnostics)));
      return;
    }
    for (Diagnostic diagnostic : diagnostics) {
      terminal.out().println(render(terminal, diagnostic));
    }
    terminal.out().flush();
  }
}
