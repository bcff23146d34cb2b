package packer.cli;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a packer run whose failure messages show the whole run: command, exit code, stdout
 * and stderr.
 */
final class CliResultAssert extends AbstractAssert<CliResultAssert, CliResult> {

  private CliResultAssert(CliResult actual) {
    super(actual, CliResultAssert.class);
  }

  static CliResultAssert assertThat(CliResult actual) {
    return new CliResultAssert(actual);
  }

  CliResultAssert exitsWith(int code) {
    isNotNull();
    if (actual.code() != code) {
      failWithMessage("expected exit code %d but got %d from:%n%s", code, actual.code(), actual);
    }
    return this;
  }

  CliResultAssert succeeds() {
    return exitsWith(ExitCode.OK);
  }

  /** Stdout contains {@code text}. */
  CliResultAssert printed(String text) {
    isNotNull();
    if (!actual.out().contains(text)) {
      failWithMessage("expected stdout to contain%n  <%s>%nin:%n%s", text, actual);
    }
    return this;
  }

  CliResultAssert didNotPrint(String text) {
    isNotNull();
    if (actual.out().contains(text)) {
      failWithMessage("expected stdout not to contain%n  <%s>%nin:%n%s", text, actual);
    }
    return this;
  }

  /** Stderr contains {@code text}. */
  CliResultAssert complained(String text) {
    isNotNull();
    if (!actual.err().contains(text)) {
      failWithMessage("expected stderr to contain%n  <%s>%nin:%n%s", text, actual);
    }
    return this;
  }

  /**
   * Stdout has a diagnostic line {@code FILE:LINE:COL: error[CODE]: ...} whose message contains
   * every one of {@code messageParts}.
   */
  CliResultAssert reportsError(String file, int line, int column, String code, String... messageParts) {
    return reports("error", file, line, column, code, messageParts);
  }

  CliResultAssert reportsWarning(String file, int line, int column, String code, String... messageParts) {
    return reports("warning", file, line, column, code, messageParts);
  }

  private CliResultAssert reports(String severity, String file, int line, int column, String code,
      String... messageParts) {
    isNotNull();
    String prefix = file + ":" + line + ":" + column + ": " + severity + "[" + code + "]: ";
    for (String printed : actual.outLines()) {
      if (printed.startsWith(prefix) && containsAll(printed, messageParts)) {
        return this;
      }
    }
    failWithMessage("expected a diagnostic%n  <%s...> containing %s%nin:%n%s", prefix,
        java.util.Arrays.toString(messageParts), actual);
    return this;
  }

  /** No diagnostic line of {@code code} anywhere on stdout. */
  CliResultAssert doesNotReport(String code) {
    isNotNull();
    for (String printed : actual.outLines()) {
      if (printed.contains(": error[" + code + "]: ") || printed.contains(": warning[" + code + "]: ")) {
        failWithMessage("expected no [%s] diagnostic, but found%n  <%s>%nin:%n%s", code, printed, actual);
      }
    }
    return this;
  }

  /** Neither stdout nor stderr holds an ANSI escape sequence. */
  CliResultAssert hasNoAnsiEscapes() {
    isNotNull();
    if (actual.out().contains("\u001b[") || actual.err().contains("\u001b[")) {
      failWithMessage("expected no ANSI escapes in:%n%s", actual);
    }
    return this;
  }

  private static boolean containsAll(String text, String... parts) {
    for (String part : parts) {
      if (!text.contains(part)) {
        return false;
      }
    }
    return true;
  }
}
