package packer.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@link BuildBenchmark} measured for one compression, and its part of the report. */
final class BuildFigures {

  static final double GOAL_COLD = 1.0;
  static final double GOAL_NOOP = 0.1;
  static final double GOAL_CHANGE = 0.3;

  /** What one {@code packer build --json} said. */
  record Built(String pack, String sha256, long entries, long bytesIn, long bytesOut, long cacheHits, long millis) {}

  private final String compression;
  private final String peer;
  private final Fixture.Generated workspace;
  private final int runs;
  private final Map<String, Samples> wall = new LinkedHashMap<>();
  private final Map<String, Samples> cpu = new LinkedHashMap<>();
  private final Map<String, Samples> own = new LinkedHashMap<>();
  private final Map<String, Samples> values = new LinkedHashMap<>();
  private final Map<String, Double> thisRun = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private String coldCache = "";
  private String loadBefore = "";
  private String loadAfter = "";
  private int noopSame;
  private int noopRewritten;
  private int changeDiffers;
  private long packBytes = -1;
  private long peerBytes = -1;
  private long entries = -1;
  private long bytesIn = -1;

  /** @param peer the peer command as the report shows it */
  BuildFigures(String compression, String peer, Fixture.Generated workspace, int runs) {
    this.compression = compression;
    this.peer = peer;
    this.workspace = workspace;
    this.runs = runs;
  }

  void load(String before, String after) {
    loadBefore = before;
    loadAfter = after;
  }

  void note(String note) {
    notes.add(note);
  }

  /** Why there is no cold-page-cache variant, or empty when there is one. */
  void coldCache(String why) {
    coldCache = why;
  }

  void time(String key, ChildProcess.Result result) {
    samples(wall, key).add(result.wallMillis());
    if (result.cpuMillis() >= 0) {
      samples(cpu, key).add(result.cpuMillis());
    }
    thisRun.put(key, result.wallMillis());
  }

  void built(String key, ChildProcess.Result result, Built built) {
    time(key, result);
    samples(own, key).add(built.millis());
    samples(values, "hits " + key).add(built.cacheHits());
    if (key.equals("cold")) {
      packBytes = built.bytesOut();
      entries = built.entries();
      bytesIn = built.bytesIn();
    }
  }

  void peerBytes(long bytes) {
    peerBytes = bytes;
  }

  void noop(boolean sameSha, boolean rewritten) {
    noopSame += sameSha ? 1 : 0;
    noopRewritten += rewritten ? 1 : 0;
  }

  void change(boolean differs) {
    changeDiffers += differs ? 1 : 0;
  }

  /** Pairs this run's figures: each ratio compares two commands timed seconds apart. */
  void endRun() {
    ratio("cold / peer", "cold", "peer");
    ratio("noop / cold", "noop", "cold");
    ratio("change / cold", "change", "cold");
    ratio("cold / peer, cold page cache", "cold, dropped", "peer, dropped");
    thisRun.clear();
  }

  private void ratio(String name, String over, String under) {
    Double a = thisRun.get(over);
    Double b = thisRun.get(under);
    if (a != null && b != null && b > 0) {
      samples(values, name).add(a / b);
    }
  }

  private static Samples samples(Map<String, Samples> map, String key) {
    return map.computeIfAbsent(key, k -> new Samples());
  }

  void print(PrintWriter out, String command) {
    out.println(String.format(Locale.ROOT, "### Build, compression `%s`: %s blob assets, %s of inputs, %d runs",
        compression, Markdown.count(workspace.assets()), ByteSize.format(workspace.inputBytes()), runs));
    out.println();
    out.println(String.format(Locale.ROOT,
        "Peer: `%s`, over the same %s input files (listed in name order, `-T`).", peer,
        Markdown.count(workspace.inputFiles())));
    out.println("*Cold* build: `.packer/cache` and the output folder deleted first; the OS page cache is warm for"
        + " packer and the peer alike (an untimed build and an untimed peer run read every input first). The"
        + " commands alternate their order run by run; each ratio is paired within a run. Load average (1, 5, 15"
        + " min) before: " + loadBefore + "; after: " + loadAfter + ".");
    out.println();
    Markdown times = new Markdown("command", ">wall median", ">min", ">max", ">CPU median", ">packer's own time");
    row(times, "`packer build`, cold", "cold");
    row(times, "peer", "peer");
    row(times, "`sync` of the peer's output (packer forces its pack to disk; the peer does not)", "peer sync");
    row(times, "`packer build`, no-op (nothing changed)", "noop");
    row(times, "`packer build`, one asset changed (an input rewritten, same size)", "change");
    row(times, "`packer --version` (JVM start-up only)", "version");
    row(times, "`packer build`, cold, cold page cache", "cold, dropped");
    row(times, "peer, cold page cache", "peer, dropped");
    times.print(out);
    Markdown ratios = new Markdown("ratio, paired by run", ">median", ">min", ">max", "goal", "");
    ratioRow(ratios, "cold build / peer", "cold / peer", GOAL_COLD);
    ratioRow(ratios, "no-op rebuild / cold build", "noop / cold", GOAL_NOOP);
    ratioRow(ratios, "one asset changed / cold build", "change / cold", GOAL_CHANGE);
    ratioRow(ratios, "cold build / peer, cold page cache", "cold / peer, cold page cache", GOAL_COLD);
    ratios.print(out);
    if (!coldCache.isEmpty()) {
      out.println("Cold page cache: " + coldCache);
      out.println();
    } else if (wall.containsKey("cold, dropped")) {
      out.println("Cold page cache: `sync` and `echo 3 > /proc/sys/vm/drop_caches` before each of those runs, so"
          + " the inputs come from the disk (and so do java, packer's jar and tar themselves).");
      out.println();
    }
    Markdown facts = new Markdown("what", "value");
    facts.row("entries in the pack", Markdown.count(entries));
    facts.row("bytes in / pack size", Markdown.count(bytesIn) + " / " + Markdown.count(packBytes));
    facts.row("peer's output size", Markdown.count(peerBytes));
    facts.row("cache hits (median): no-op / one changed", hits("noop") + " / " + hits("change"));
    facts.row("no-op gave the same SHA-256 / rewrote the pack file",
        noopSame + " of " + runs + " runs / " + noopRewritten + " of " + runs + " runs");
    facts.row("one changed asset gave a new SHA-256", changeDiffers + " of " + runs + " runs");
    facts.print(out);
    for (String note : notes) {
      out.println("- " + note);
    }
    if (!notes.isEmpty()) {
      out.println();
    }
    out.println("Reproduce: `" + command + "`");
    out.println();
  }

  private String hits(String key) {
    Samples hits = values.get("hits " + key);
    return hits == null ? "n/a" : Markdown.count(Math.round(hits.median()));
  }

  private void row(Markdown table, String label, String key) {
    Samples w = wall.get(key);
    if (w == null) {
      return;
    }
    Samples c = cpu.get(key);
    Samples o = own.get(key);
    table.row(label, Markdown.millis(w.median()), Markdown.millis(w.min()), Markdown.millis(w.max()),
        c == null ? "" : Markdown.millis(c.median()), o == null ? "" : Markdown.millis(o.median()));
  }

  private void ratioRow(Markdown table, String label, String key, double goal) {
    Samples ratio = values.get(key);
    if (ratio == null) {
      return;
    }
    table.row(label, ratio2(ratio.median()), ratio2(ratio.min()), ratio2(ratio.max()),
        "≤ " + ratio2(goal), ratio.median() <= goal ? "met" : "missed");
  }

  private static String ratio2(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  double median(String ratio) {
    return values.get(ratio).median();
  }
}
