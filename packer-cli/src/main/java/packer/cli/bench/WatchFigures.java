package packer.cli.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** What {@link WatchBenchCommand} measured over several JVMs, and its part of the report. */
final class WatchFigures {

  static final double GOAL_P99_MILLIS = 1000;

  private final int edits;
  private final Samples start = new Samples();
  private final Samples p50 = new Samples();
  private final Samples p99 = new Samples();
  private final Samples max = new Samples();

  WatchFigures(int edits) {
    this.edits = edits;
  }

  void addStart(long nanos) {
    start.add(nanos / 1e6);
  }

  void addEdits(long p50Nanos, long p99Nanos, long maxNanos) {
    p50.add(p50Nanos / 1e6);
    p99.add(p99Nanos / 1e6);
    max.add(maxNanos / 1e6);
  }

  void print(PrintWriter out, int assets, int runs, String reproduce) {
    out.println(String.format(Locale.ROOT, "### Edit to snapshot event (%s assets)", Markdown.count(assets)));
    out.println();
    out.println(String.format(Locale.ROOT,
        "The workspace open for writing with the watcher on, as `packer serve` runs it. %d times one asset.json"
            + " (a different asset each time) is rewritten with a new name, and the clock stops when the lane"
            + " publishes the snapshot holding it, which is when the server sends its `snapshot` event; each edit"
            + " is then undone, untimed. After %d warm-up edits, in a child JVM with the launcher's flags; medians"
            + " over %d JVMs of each JVM's percentiles, and the largest maximum. The watcher waits for 150 ms of"
            + " quiet (500 ms at most) before it reconciles, so that is the floor.",
        edits, WatchBenchCommand.WARM_UP, runs));
    out.println();
    Markdown table = new Markdown(">edits", ">p50", ">p99", ">max", ">watcher start", "goal p99 < 1 s");
    table.row(Markdown.count((long) edits * runs), Markdown.millis(p50.median()), Markdown.millis(p99.median()),
        Markdown.millis(max.max()), Markdown.millis(start.median()), p99.median() < GOAL_P99_MILLIS ? "met" : "missed");
    table.print(out);
    out.println("*Watcher start*: registering the tree with the OS, hashing every file under it (but `.packer/` and"
        + " the build output) and one full read to catch what changed before the watch began.");
    out.println();
    out.println("Reproduce: `" + reproduce + "`");
    out.println();
  }
}
