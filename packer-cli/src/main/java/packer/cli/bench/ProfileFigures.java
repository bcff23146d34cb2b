package packer.cli.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@link ProfileCommand} measured over several JVMs, and its part of the report. */
final class ProfileFigures {

  /** Iteration 1 of each JVM: what one {@code packer status} pays. */
  private final Map<String, Samples> cold = new LinkedHashMap<>();

  /** Later iterations: the same work once classes are loaded and compiled. */
  private final Map<String, Samples> steady = new LinkedHashMap<>();

  void add(String phase, int iteration, long nanos) {
    (iteration == 1 ? cold : steady).computeIfAbsent(phase, p -> new Samples()).add(nanos / 1e6);
  }

  void print(PrintWriter out, String reproduce) {
    out.println("### Where `packer status` spends its time (in-process)");
    out.println();
    out.println("Each step of `Workspace.openForReading` and of the status command, timed in a child JVM with the");
    out.println("launcher's flags. *First* is the first iteration in a fresh JVM (what one `packer status` pays:");
    out.println("classes loading, interpreter and C1); *steady* is the median of iterations 2-5. Medians over JVMs.");
    out.println();
    Markdown steps = new Markdown("step", ">first", ">share", ">steady");
    double total = median(cold, "total");
    for (String step : ProfileCommand.STEPS) {
      if (cold.containsKey(step)) {
        steps.row(describe(step), Markdown.millis(median(cold, step)), Markdown.percent(median(cold, step) / total),
            Markdown.millis(median(steady, step)));
      }
    }
    steps.row("**total in-process**", Markdown.millis(total), "100%", Markdown.millis(median(steady, "total")));
    steps.print(out);
    if (steady.containsKey("scan") && steady.containsKey("walk")) {
      out.println("The scan taken apart (steady state, the same work done part by part):");
      out.println();
      Markdown parts = new Markdown("part of the scan", ">steady", ">share of scan");
      double scan = median(steady, "scan");
      double sum = 0;
      for (String part : ProfileCommand.SCAN_PARTS) {
        double value = median(steady, part);
        sum += value;
        parts.row(describe(part), Markdown.millis(value), Markdown.percent(value / scan));
      }
      parts.row("the rest: sorted maps, case-collision check, per-folder bookkeeping",
          Markdown.millis(Math.max(0, scan - sum)), Markdown.percent(Math.max(0, scan - sum) / scan));
      parts.print(out);
    }
    out.println("Reproduce: `" + reproduce + "`");
    out.println();
  }

  double coldMillis(String step) {
    return median(cold, step);
  }

  private static double median(Map<String, Samples> map, String key) {
    Samples samples = map.get(key);
    return samples == null || samples.isEmpty() ? -1 : samples.median();
  }

  private static String describe(String step) {
    switch (step) {
      case "config":
        return "read packer.json";
      case "cache":
        return "load the scan cache (.packer/cache/scan.bin)";
      case "registry":
        return "read the registry (stat each record; read + parse the changed ones)";
      case "scan":
        return "scan the tree: walk with one stat per folder (its listing cached) or per entry;"
            + " read + hash + parse the changed asset.json";
      case "save":
        return "save the scan cache (only when something changed)";
      case "snapshot":
        return "build the snapshot's indexes";
      case "memory":
        return "local memory: load .packer/state/assets.bin, check digests are current";
      case "pairing":
        return "pair missing with unregistered assets";
      case "walk":
        return "walk the tree (readdir, stat of each folder's asset.json)";
      case "read":
        return "read each asset.json";
      case "hash":
        return "SHA-256 of each asset.json";
      case "parse":
        return "parse and check each asset.json (Jackson + locations)";
      case "stat":
        return "stat each input";
      default:
        return step;
    }
  }
}
