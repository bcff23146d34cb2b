package packer.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Where the CLI talks to people: stdout for results, stderr for messages, colour only on a terminal
 * and never when {@code NO_COLOR} is set.
 */
final class Terminal {

  private final PrintWriter out;
  private final PrintWriter err;
  private final OutputStream bytesOut;
  private final boolean color;
  private final boolean interactive;

  Terminal(PrintWriter out, OutputStream bytesOut, PrintWriter err, boolean color) {
    this(out, bytesOut, err, color, false);
  }

  Terminal(PrintWriter out, OutputStream bytesOut, PrintWriter err, boolean color, boolean interactive) {
    this.out = out;
    this.bytesOut = bytesOut;
    this.err = err;
    this.color = color;
    this.interactive = interactive;
  }

  /** Whether a person watches: packer runs on a terminal, so progress bars are welcome. */
  boolean isInteractive() {
    return interactive;
  }

  static boolean colorWanted(Map<String, String> env, boolean interactive) {
    String noColor = env.get("NO_COLOR");
    return interactive && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
  }

  boolean isColored() {
    return color;
  }

  PrintWriter out() {
    return out;
  }

  /** Stdout for raw bytes (e.g. {@code extract}); flush {@link #out} before writing here. */
  OutputStream bytesOut() {
    return bytesOut;
  }

  PrintWriter err() {
    return err;
  }

  String red(String text) {
    return paint("31", text);
  }

  String yellow(String text) {
    return paint("33", text);
  }

  String green(String text) {
    return paint("32", text);
  }

  String bold(String text) {
    return paint("1", text);
  }

  String dim(String text) {
    return paint("2", text);
  }

  private String paint(String code, String text) {
    return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }
}
