package packer.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The Markdown report of one {@code bench run}: what ran where, then each figure's section. */
final class Report {

  private final String command;
  private final Machine machine;
  private final Launcher launcher;
  private final int assets;
  private final int runs;
  private Fixture.Generated workspace;
  private StatusFigures status;
  private ProfileFigures profile;
  private HeapFigures heap;
  private LaneFigures lane;
  private ServerFigures server;
  private final List<BuildFigures> builds = new ArrayList<>();
  private ReaderBenchmark.Figures reader;
  private WatchFigures watch;

  Report(String command, Machine machine, Launcher launcher, int assets, int runs) {
    this.command = command;
    this.machine = machine;
    this.launcher = launcher;
    this.assets = assets;
    this.runs = runs;
  }

  void workspace(Fixture.Generated generated) {
    workspace = generated;
  }

  void status(StatusFigures figures) {
    status = figures;
  }

  void profile(ProfileFigures figures) {
    profile = figures;
  }

  void heap(HeapFigures figures) {
    heap = figures;
  }

  void lane(LaneFigures figures) {
    lane = figures;
  }

  void server(ServerFigures figures) {
    server = figures;
  }

  void build(BuildFigures figures) {
    builds.add(figures);
  }

  void reader(ReaderBenchmark.Figures figures) {
    reader = figures;
  }

  void watch(WatchFigures figures) {
    watch = figures;
  }

  void print(PrintWriter out) {
    out.println(String.format(Locale.ROOT, "## packer bench: %s assets, %d runs", Markdown.count(assets), runs));
    out.println();
    out.println("- Command: `" + command + "`");
    out.println("- Date: " + machine.date() + " (UTC)");
    out.println("- Machine: " + machine.line());
    out.println("- packer runs as the launcher runs it: `java " + String.join(" ", launcher.reportedFlags())
        + " -jar packer.jar` (flags from " + launcher.flagsSource() + ")"
        + (launcher.fullJitCommands().isEmpty() ? "" : "; without " + String.join(" ", launcher.quickJitFlags())
            + " for " + String.join(", ", new TreeSet<>(launcher.fullJitCommands()))));
    if (workspace != null) {
      out.println(String.format(Locale.ROOT,
          "- Workspace: %s assets, %s input files, %s of inputs (generated in %.1f s%s)",
          Markdown.count(workspace.assets()), Markdown.count(workspace.inputFiles()),
          ByteSize.format(workspace.inputBytes()), workspace.seconds(), workspace.reused() ? ", reused" : ""));
    }
    out.println();
    if (status != null) {
      status.print(out);
      out.println("Reproduce: `" + command + "`");
      out.println();
    }
    if (profile != null) {
      profile.print(out, command);
    }
    if (heap != null) {
      heap.print(out, command);
    }
    if (lane != null) {
      lane.print(out, assets, command);
    }
    if (server != null) {
      server.print(out, assets, command);
    }
    for (BuildFigures build : builds) {
      build.print(out, command);
    }
    if (reader != null) {
      reader.print(out, command);
    }
    if (watch != null) {
      watch.print(out, assets, runs, command);
    }
  }
}
