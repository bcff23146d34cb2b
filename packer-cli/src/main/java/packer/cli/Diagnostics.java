package packer.cli;

import packer.diagnostic.Diagnostic;

/** Diagnostics as people read them: {@code path:line:col: error[code]: message}. */
final class Diagnostics {

  private Diagnostics() {}

  static String render(Terminal terminal, Diagnostic diagnostic) {
    String text = diagnostic.format();
    return diagnostic.isError() ? terminal.red(text) : terminal.yellow(text);
  }
}
