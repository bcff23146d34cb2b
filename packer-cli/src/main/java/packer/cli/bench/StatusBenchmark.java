package packer.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import packer.relocation.AssetMemory;
import packer.scan.ScanCache;

/**
 * {@code packer status} against {@code git status} on the same tree, both warm (one run each
 * first, untimed), interleaved run by run so that the machine's noise falls on both alike. Also
 * times {@code packer --version} (JVM start-up and nothing else), status with no local memory
 * (the first status after a clone, which digests every input), and the peak memory of status.
 */
final class StatusBenchmark {

  private static final String APPCDS = "{appcds}";

  private final ChildProcess children;
  private final Launcher launcher;
  private final PrintWriter log;
  private final int runs;
  private final Path work;
  private boolean archiveMade;

  StatusBenchmark(ChildProcess children, Launcher launcher, PrintWriter log, int runs, Path work) {
    this.children = children;
    this.launcher = launcher;
    this.log = log;
    this.runs = runs;
    this.work = work;
  }

  /**
   * @param gitRepository the same tree committed to git, or null to leave git out
   * @param variants extra flag sets to time packer with, beside the launcher's own
   */
  StatusFigures measure(Path workspace, int assets, boolean packer, Path gitRepository, List<RunCommand.Variant> variants)
      throws IOException, InterruptedException {
    Map<String, String> environment = Launcher.environment();
    Map<String, String> gitEnvironment = Fixture.gitEnvironment();
    List<RunCommand.Variant> all = new ArrayList<>();
    if (packer) {
      all.add(new RunCommand.Variant("launcher", List.of()));
      for (RunCommand.Variant variant : variants) {
        all.add(new RunCommand.Variant(variant.name(), resolve(variant.flags(), workspace)));
      }
    }
    StatusFigures figures = new StatusFigures(assets, runs, all, gitRepository != null);
    List<String> git = List.of("git", "-C", String.valueOf(gitRepository), "status");

    log.println("bench: warming up");
    log.flush();
    for (RunCommand.Variant variant : all) {
      ChildProcess.Result status = children.runChecked(status(variant, workspace), environment, false);
      String expected = String.format(Locale.ROOT, "%d assets: %d registered,", assets, assets);
      if (!status.stdout().startsWith(expected)) {
        throw new IOException("packer status did not report " + assets + " registered assets: " + status.stdout().strip());
      }
      children.runChecked(version(variant), environment, false);
    }
    if (gitRepository != null) {
      children.runChecked(git, gitEnvironment, false);
    }
    if (packer) {
      figures.peakRssKiB(children.runChecked(status(all.get(0), workspace), environment, true).peakRssKiB());
    }

    for (int run = 1; run <= runs; run++) {
      log.println("bench: status, run " + run + "/" + runs);
      log.flush();
      for (RunCommand.Variant variant : all) {
        figures.version(variant.name(), children.runChecked(version(variant), environment, false));
        figures.status(variant.name(), children.runChecked(status(variant, workspace), environment, false));
      }
      if (packer) {
        figures.bareJvm(children.runChecked(bareJvm(), environment, false));
      }
      if (gitRepository != null) {
        figures.git(children.runChecked(git, gitEnvironment, false));
      }
      figures.endRun();
    }
    if (packer) {
      for (int run = 1; run <= runs; run++) {
        log.println("bench: status with no local memory, run " + run + "/" + runs);
        log.flush();
        Files.deleteIfExists(workspace.resolve(AssetMemory.FILE));
        Files.deleteIfExists(workspace.resolve(AssetMemory.LEGACY_FILE));
        Files.deleteIfExists(workspace.resolve(ScanCache.FILE)); // A fresh clone has neither.
        figures.firstStatus(children.runChecked(status(all.get(0), workspace), environment, false));
      }
    }
    return figures;
  }

  private List<String> status(RunCommand.Variant variant, Path workspace) {
    return launcher.command(variant.flags(), "-C", workspace.toString(), "status");
  }

  /** {@code java <launcher flags> -version}: the JVM starting and stopping, no packer code at all. */
  private List<String> bareJvm() {
    List<String> command = new ArrayList<>();
    command.add(launcher.java().toString());
    command.addAll(launcher.flags());
    command.add("-version");
    return command;
  }

  private List<String> version(RunCommand.Variant variant) {
    return launcher.command(variant.flags(), "--version");
  }

  /** Replaces {@code {appcds}} by an AppCDS archive of the classes a status loads, made now. */
  private List<String> resolve(List<String> flags, Path workspace) throws IOException, InterruptedException {
    if (flags.stream().noneMatch(f -> f.contains(APPCDS))) {
      return flags;
    }
    Path archive = work.resolve("packer-status.jsa");
    if (!archiveMade) {
      Files.deleteIfExists(archive);
      log.println("bench: making an AppCDS archive from a training run of status: " + archive);
      log.flush();
      children.runChecked(launcher.command(List.of("-XX:ArchiveClassesAtExit=" + archive), "-C", workspace.toString(),
          "status"), Launcher.environment(), false);
      archiveMade = true;
    }
    List<String> resolved = new ArrayList<>();
    flags.forEach(f -> resolved.add(f.replace(APPCDS, archive.toString())));
    return resolved;
  }
}
