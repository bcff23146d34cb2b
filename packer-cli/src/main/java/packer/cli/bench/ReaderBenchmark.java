package packer.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * The pack reader ({@code packer.pack.Pack}) in a child JVM with the JVM's default flags (as a
 * game embedding it would run, not the CLI launcher's quick-start ones), against {@code cat PACK >
 * /dev/null} on the same file, interleaved run by run. The page cache holds the pack for both (it
 * was just written or read).
 */
final class ReaderBenchmark {

  /** Rounds in each child; the first {@link #WARM_UP} are left out of the medians. */
  static final int ROUNDS = 8;

  static final int WARM_UP = 3;

  private static final int CATS_PER_RUN = 3;

  private final ChildProcess children;
  private final Launcher launcher;
  private final PrintWriter log;
  private final int runs;
  private final int lookups;

  ReaderBenchmark(ChildProcess children, Launcher launcher, PrintWriter log, int runs, int lookups) {
    this.children = children;
    this.launcher = launcher;
    this.log = log;
    this.runs = runs;
    this.lookups = lookups;
  }

  /** @param shell runs {@code cat PACK > /dev/null} */
  Figures measure(Path pack, Path shell) throws IOException, InterruptedException {
    Map<String, String> environment = Launcher.environment();
    long size = Files.size(pack);
    Figures figures = new Figures(size, runs, lookups);
    List<String> cat = List.of(shell.toString(), "-c", "cat \"$1\" > /dev/null", "cat", pack.toString());
    List<String> reader = launcher.commandWithOnly(List.of(), "bench", "reader", pack.toString(),
        "--rounds", Integer.toString(ROUNDS), "--lookups", Integer.toString(lookups));
    figures.loadBefore = BuildBenchmark.loadAverage();
    children.runChecked(cat, environment, false);
    for (int run = 1; run <= runs; run++) {
      log.println("bench: reader, run " + run + "/" + runs);
      log.flush();
      Samples cats = new Samples();
      if (run % 2 == 1) {
        catRuns(cat, environment, size, cats);
      }
      figures.child(children.runChecked(reader, environment, false).stdout());
      if (run % 2 == 0) {
        catRuns(cat, environment, size, cats);
      }
      figures.cat(cats.median());
    }
    figures.loadAfter = BuildBenchmark.loadAverage();
    return figures;
  }

  private void catRuns(List<String> cat, Map<String, String> environment, long size, Samples cats)
      throws IOException, InterruptedException {
    for (int i = 0; i < CATS_PER_RUN; i++) {
      ChildProcess.Result result = children.runChecked(cat, environment, false);
      cats.add(size / (result.wallNanos() / 1e9) / 1e6);
    }
  }

  /** What the reader runs measured, and their part of the report. */
  static final class Figures {
    private final long size;
    private final int runs;
    private final int lookups;
    private final Map<String, Samples> samples = new LinkedHashMap<>();
    private double thisRunRead;
    private double thisRunFirst;
    private long entries = -1;
    String loadBefore = "";
    String loadAfter = "";

    Figures(long size, int runs, int lookups) {
      this.size = size;
      this.runs = runs;
      this.lookups = lookups;
    }

    /** One child's lines: medians of its rounds after the warm-up ones. */
    void child(String stdout) throws IOException {
      Map<String, Samples> rounds = new LinkedHashMap<>();
      for (String line : stdout.split("\n")) {
        String[] fields = line.trim().split(" ");
        if (fields.length != 4 || !fields[1].startsWith("round=")) {
          continue;
        }
        Map<String, String> v = RunCommand.KeyValues.parse(line, fields[0]);
        int round = Integer.parseInt(v.get("round"));
        double nanos = Double.parseDouble(v.get("nanos"));
        double count = Double.parseDouble(v.get("count"));
        switch (fields[0]) {
          case "entries" -> entries = (long) count;
          case "open" -> add("open ms", nanos / 1e6);
          case "verify" -> add("verify MB/s", count / nanos * 1e3);
          case "read" -> {
            if (round == 1) {
              thisRunFirst = count / nanos * 1e3;
              add("read first MB/s", thisRunFirst);
            } else if (round > WARM_UP) {
              rounds.computeIfAbsent("read", k -> new Samples()).add(count / nanos * 1e3);
            }
          }
          default -> {
            if (round > WARM_UP) {
              rounds.computeIfAbsent(fields[0], k -> new Samples()).add(count / nanos * 1e9);
            }
          }
        }
      }
      if (!rounds.containsKey("read") || !rounds.containsKey("id") || !rounds.containsKey("name")) {
        throw new IOException("the reader child printed no rounds after the warm-up: " + stdout.strip());
      }
      thisRunRead = rounds.get("read").median();
      add("read MB/s", thisRunRead);
      add("id /s", rounds.get("id").median());
      add("name /s", rounds.get("name").median());
    }

    void cat(double mbPerSecond) {
      add("cat MB/s", mbPerSecond);
      add("read / cat", thisRunRead / mbPerSecond);
      add("first / cat", thisRunFirst / mbPerSecond);
    }

    private void add(String key, double value) {
      samples.computeIfAbsent(key, k -> new Samples()).add(value);
    }

    void print(PrintWriter out, String command) {
      out.println(String.format(Locale.ROOT, "### Reader: `packer.pack.Pack` on a pack of %s (%s), %d runs",
          ByteSize.format(size), entries < 0 ? "" : Markdown.count(entries) + " entries", runs));
      out.println();
      out.println(String.format(Locale.ROOT, "In a child JVM with the JVM's default flags (as a game would run"
          + " the reader), %d rounds per run, the first %d left out as warm-up; each run's figure is the median of"
          + " its rounds, the table gives the median over runs. Lookups: %s per round, ids and names drawn at random"
          + " from the pack's entries (names as fresh String copies). Sequential read: every entry in id order,"
          + " copied out of the mapped file into a 1 MiB array. Peer: `cat PACK > /dev/null`, %d times per run (its"
          + " process start included), interleaved with the reader run. The page cache holds the pack for both."
          + " Load average before: %s; after: %s.", ROUNDS, WARM_UP, Markdown.count(lookups), CATS_PER_RUN,
          loadBefore, loadAfter));
      out.println();
      Markdown table = new Markdown("figure", ">median", ">min", ">max");
      row(table, "lookups by id", "id /s", Markdown::perSecond);
      row(table, "lookups by name", "name /s", Markdown::perSecond);
      row(table, "sequential read of all entries, warm rounds", "read MB/s", ReaderBenchmark::mbps);
      row(table, "sequential read, first round (pages mapped on first touch)", "read first MB/s",
          ReaderBenchmark::mbps);
      row(table, "`cat PACK > /dev/null`", "cat MB/s", ReaderBenchmark::mbps);
      row(table, "`Pack.open` (validates all metadata)", "open ms", Markdown::millis);
      row(table, "`Pack.verify()` (every hash and checksum)", "verify MB/s", ReaderBenchmark::mbps);
      table.print(out);
      Markdown ratios = new Markdown("throughput ratio, paired by run", ">median", ">min", ">max");
      row(ratios, "sequential read (warm) / cat", "read / cat", ReaderBenchmark::ratio2);
      row(ratios, "sequential read (first round) / cat", "first / cat", ReaderBenchmark::ratio2);
      ratios.print(out);
      out.println("Reproduce: `" + command + "`");
      out.println();
    }

    private void row(Markdown table, String label, String key, DoubleFunction<String> format) {
      Samples s = samples.get(key);
      if (s != null) {
        table.row(label, format.apply(s.median()), format.apply(s.min()), format.apply(s.max()));
      }
    }
  }

  static String mbps(double mbPerSecond) {
    return String.format(Locale.ROOT, "%,.0f MB/s", mbPerSecond);
  }

  static String ratio2(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }
}
