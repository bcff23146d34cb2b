package packer.cli.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@link StatusBenchmark} measured, and its part of the report. */
final class StatusFigures {

  static final double GOAL_RATIO = 3.0;

  private final int assets;
  private final int runs;
  private final List<RunCommand.Variant> variants;
  private final boolean withGit;
  private final Map<String, Samples> wall = new LinkedHashMap<>();
  private final Map<String, Samples> cpu = new LinkedHashMap<>();
  private final Map<String, Double> thisRun = new LinkedHashMap<>();
  private long peakRssKiB = -1;

  StatusFigures(int assets, int runs, List<RunCommand.Variant> variants, boolean withGit) {
    this.assets = assets;
    this.runs = runs;
    this.variants = List.copyOf(variants);
    this.withGit = withGit;
  }

  void version(String variant, ChildProcess.Result result) {
    record("version " + variant, result);
  }

  void status(String variant, ChildProcess.Result result) {
    record("status " + variant, result);
  }

  void bareJvm(ChildProcess.Result result) {
    record("bare jvm", result);
  }

  void git(ChildProcess.Result result) {
    record("git", result);
  }

  void firstStatus(ChildProcess.Result result) {
    record("first status", result);
  }

  void peakRssKiB(long kib) {
    peakRssKiB = kib;
  }

  /** Pairs this run's figures: each ratio compares two commands timed seconds apart. */
  void endRun() {
    Double git = thisRun.get("git");
    for (RunCommand.Variant variant : variants) {
      Double status = thisRun.get("status " + variant.name());
      Double version = thisRun.get("version " + variant.name());
      if (status != null && version != null) {
        samples(wall, "scan " + variant.name()).add(status - version);
      }
      if (status != null && git != null) {
        samples(wall, "ratio " + variant.name()).add(status / git);
      }
    }
    thisRun.clear();
  }

  private void record(String key, ChildProcess.Result result) {
    samples(wall, key).add(result.wallMillis());
    if (result.cpuMillis() >= 0) {
      samples(cpu, key).add(result.cpuMillis());
    }
    thisRun.put(key, result.wallMillis());
  }

  private static Samples samples(Map<String, Samples> map, String key) {
    return map.computeIfAbsent(key, k -> new Samples());
  }

  void print(PrintWriter out) {
    out.println(String.format(Locale.ROOT, "### `packer status` vs `git status`: %s assets, warm, %d runs",
        Markdown.count(assets), runs));
    out.println();
    Markdown times = new Markdown("command", ">wall median", ">min", ">max", ">CPU median");
    for (RunCommand.Variant variant : variants) {
      String suffix = variant.name().equals("launcher") ? "" : " [" + variant.name() + "]";
      timeRow(times, "`packer status`" + suffix, "status " + variant.name());
      timeRow(times, "`packer --version` (JVM start-up only)" + suffix, "version " + variant.name());
      timeRow(times, "status − start-up (same run)" + suffix, "scan " + variant.name());
    }
    timeRow(times, "`java -version` with the launcher's flags (bare JVM start-up: the floor)", "bare jvm");
    if (withGit) {
      timeRow(times, "`git status`", "git");
    }
    if (wall.containsKey("first status")) {
      timeRow(times, "`packer status`, no local memory or scan cache yet (first status after a clone: reads every file, digests every input)",
          "first status");
    }
    times.print(out);
    for (RunCommand.Variant variant : variants) {
      if (!variant.name().equals("launcher")) {
        out.println("- [" + variant.name() + "]: the launcher's flags plus `" + String.join(" ", variant.flags()) + "`");
      }
    }
    if (variants.size() > 1) {
      out.println();
    }
    if (withGit && !variants.isEmpty()) {
      Markdown ratios = new Markdown("ratio, paired by run", ">median", ">min", ">max", "goal ≤ 3×");
      for (RunCommand.Variant variant : variants) {
        Samples ratio = wall.get("ratio " + variant.name());
        String label = "`packer status` / `git status`"
            + (variant.name().equals("launcher") ? "" : " [" + variant.name() + "]");
        ratios.row(label, Markdown.ratio(ratio.median()), Markdown.ratio(ratio.min()), Markdown.ratio(ratio.max()),
            ratio.median() <= GOAL_RATIO ? "met" : "missed");
      }
      Samples statusCpu = cpu.get("status launcher");
      Samples gitCpu = cpu.get("git");
      if (statusCpu != null && gitCpu != null && gitCpu.median() > 0) {
        ratios.row("CPU time, medians (10 ms ticks)", Markdown.ratio(statusCpu.median() / gitCpu.median()), "", "", "");
      }
      ratios.print(out);
    }
    if (peakRssKiB > 0) {
      out.println("Peak resident memory of `packer status`: " + ByteSize.format(peakRssKiB * 1024) + ".");
      out.println();
    }
  }

  private void timeRow(Markdown table, String label, String key) {
    Samples w = wall.get(key);
    if (w == null) {
      return;
    }
    Samples c = cpu.get(key);
    table.row(label, Markdown.millis(w.median()), Markdown.millis(w.min()), Markdown.millis(w.max()),
        c == null ? "" : Markdown.millis(c.median()));
  }

  double medianRatio() {
    return wall.get("ratio launcher").median();
  }
}
