package packer.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table, and the number formats the report uses (always {@link Locale#ROOT}). */
final class Markdown {

  private final List<String> header;
  private final List<Boolean> numeric;
  private final List<List<String>> rows = new ArrayList<>();

  /** @param columns column titles; a title starting with '>' is right-aligned (the '>' is dropped) */
  Markdown(String... columns) {
    header = new ArrayList<>();
    numeric = new ArrayList<>();
    for (String column : columns) {
      boolean right = column.startsWith(">");
      header.add(right ? column.substring(1) : column);
      numeric.add(right);
    }
  }

  Markdown row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size());
    }
    rows.add(List.of(cells));
    return this;
  }

  void print(PrintWriter out) {
    out.println("| " + String.join(" | ", header) + " |");
    StringBuilder rule = new StringBuilder("|");
    for (boolean right : numeric) {
      rule.append(right ? " ---: |" : " --- |");
    }
    out.println(rule);
    for (List<String> row : rows) {
      out.println("| " + String.join(" | ", row) + " |");
    }
    out.println();
  }

  static String millis(double millis) {
    if (millis < 0) {
      return "n/a";
    }
    return millis >= 100 ? String.format(Locale.ROOT, "%,.0f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
  }

  static String micros(double nanos) {
    double micros = nanos / 1e3;
    return micros >= 100 ? String.format(Locale.ROOT, "%,.0f µs", micros) : String.format(Locale.ROOT, "%.1f µs", micros);
  }

  static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.1f×", ratio);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String perSecond(double rate) {
    return String.format(Locale.ROOT, "%,.0f/s", rate);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
