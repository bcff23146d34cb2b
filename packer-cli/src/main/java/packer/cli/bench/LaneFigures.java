package packer.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What {@link LaneCommand} measured over several JVMs, and its part of the report. */
final class LaneFigures {

  static final double GOAL_COMMITS_PER_SECOND = 500;

  private final List<Integer> threads;
  private final int renames;
  private final Map<Integer, Samples> rate = new TreeMap<>();
  private final Map<Integer, Samples> batch = new TreeMap<>();
  private final Map<Integer, Samples> forces = new TreeMap<>();
  private final Map<String, Samples> p50 = new TreeMap<>();
  private final Map<String, Samples> p99 = new TreeMap<>();
  private final Map<String, Samples> max = new TreeMap<>();
  private final Map<String, Long> reads = new TreeMap<>();

  LaneFigures(List<Integer> threads, int renames) {
    this.threads = List.copyOf(threads);
    this.renames = renames;
  }

  void addThroughput(int threadCount, long commits, long nanos, long groups, long forced) {
    rate.computeIfAbsent(threadCount, t -> new Samples()).add(commits / (nanos / 1e9));
    batch.computeIfAbsent(threadCount, t -> new Samples()).add(groups == 0 ? 0 : (double) commits / groups);
    forces.computeIfAbsent(threadCount, t -> new Samples()).add(groups == 0 ? 0 : (double) forced / groups);
  }

  void addReads(int threadCount, String mode, double p50Nanos, double p99Nanos, double maxNanos, long count) {
    String key = threadCount + " " + mode;
    p50.computeIfAbsent(key, k -> new Samples()).add(p50Nanos);
    p99.computeIfAbsent(key, k -> new Samples()).add(p99Nanos);
    max.computeIfAbsent(key, k -> new Samples()).add(maxNanos);
    reads.merge(key, count, Long::sum);
  }

  double medianRate(int threadCount) {
    return rate.get(threadCount).median();
  }

  void print(PrintWriter out, int assets, String reproduce) {
    out.println(String.format(Locale.ROOT, "### Lane: durable renames per second (%s assets)", Markdown.count(assets)));
    out.println();
    out.println(String.format(Locale.ROOT,
        "T writer threads share %s renames, each renaming its own assets in a loop and waiting for each to be"
            + " durable (`submit(...).join()`), so up to T commands wait together and the lane groups them into one"
            + " journal transaction. In-process, a child JVM with the launcher's flags, after %d warm-up renames."
            + " *Forces* counts the files and folders forced (fsync), issued one after another or, where"
            + " independent, at once.",
        Markdown.count(renames), LaneCommand.WARM_UP));
    out.println();
    Markdown table = new Markdown(">writer threads", ">commits/s (median)", ">min", ">max", ">renames per group commit",
        ">forces per group commit", "goal ≥ 500/s");
    for (int count : threads) {
      Samples r = rate.get(count);
      if (r == null) {
        continue;
      }
      table.row(Integer.toString(count), Markdown.perSecond(r.median()), Markdown.perSecond(r.min()),
          Markdown.perSecond(r.max()), String.format(Locale.ROOT, "%.1f", batch.get(count).median()),
          String.format(Locale.ROOT, "%.1f", forces.get(count).median()),
          r.median() >= GOAL_COMMITS_PER_SECOND ? "met" : "missed");
    }
    table.print(out);
    out.println("Snapshot reads (`ws.snapshot()` + `byId`) from a reader thread, one every ~100 µs, while the");
    out.println("writers run (*busy*) and then as many with the lane idle; medians over JVMs of each JVM's");
    out.println("percentiles, and the largest maximum:");
    out.println();
    Markdown latency = new Markdown("lane", ">reads", ">p50", ">p99", ">max");
    for (int count : threads) {
      for (String mode : List.of("busy", "idle")) {
        String key = count + " " + mode;
        if (!p50.containsKey(key)) {
          continue;
        }
        latency.row(mode.equals("busy") ? "busy, " + count + " writers" : "idle (after " + count + " writers)",
            Markdown.count(reads.get(key)), Markdown.micros(p50.get(key).median()),
            Markdown.micros(p99.get(key).median()), Markdown.micros(max.get(key).max()));
      }
    }
    latency.print(out);
    out.println("Reproduce: `" + reproduce + "`");
    out.println();
  }
}
