package packer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import packer.build.Build;
import packer.build.BuildFailedException;
import packer.build.BuildResult;
import packer.json.CanonicalJson;
import packer.snapshot.Snapshot;
import packer.watch.WorkspaceWatcher;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Build the pack, then again on every change of the workspace.",
    "Runs until Ctrl-C.",
    "Watches the files as 'packer serve' does (and holds the workspace's write lock the same way): "
        + "an edit, a save, a new, moved or deleted folder makes a new snapshot, and each new snapshot "
        + "(changes within a moment are taken together) is built like 'packer build', incrementally.",
    "Prints one line per build: entries, processed and reused entries, pack size, the pack's "
        + "SHA-256 (first 12 digits) and the time. A failed build prints its diagnostics as 'packer "
        + "build' does, and the previous pack stays as it was.",
    "--json prints one JSON object per line and build: {ok, snapshot, pack, sha256, entries, "
        + "processed, reused, bytes, millis}, or {ok: false, snapshot, errors, diagnostics}."})
final class WatchCommand extends BaseCommand {

  /** How long the snapshot must stay the same before a build starts. */
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  @Mixin BuildTarget target;

  private final Object signal = new Object();
  private boolean changed;
  private long changedAt;
  private volatile boolean stopping;

  @Override
  public Integer call() throws Exception {
    int count = target.threadCount();
    Workspace workspace = root.openForWriting("packer watch (pid " + ProcessHandle.current().pid() + ")");
    ExecutorService executor = Builds.threads(count);
    // Set up while the first build runs; what changes meanwhile is found once it is.
    WorkspaceWatcher watcher = WorkspaceWatcher.startInBackground(workspace, WorkspaceWatcher.Options.defaults()
        .withProblems(problem -> terminal().err().println("packer: watching the files: " + problem.getMessage())));
    CountDownLatch finished = new CountDownLatch(1);
    Thread stop = new Thread(() -> {
      stopping = true;
      synchronized (signal) {
        signal.notifyAll();
      }
      watcher.close();
      try {
        finished.await(10, TimeUnit.SECONDS);
        workspace.close();
      } catch (Exception e) {
        terminal().err().println("packer: stopping: " + e.getMessage());
      } finally {
        terminal().err().flush();
      }
    }, "packer-watch-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try (AutoCloseable subscription = workspace.snapshots().subscribe(snapshot -> {
      synchronized (signal) {
        changed = true;
        changedAt = System.nanoTime();
        signal.notifyAll();
      }
    })) {
      Build build = Builds.create(executor);
      if (!json) {
        terminal().err().println(terminal().dim("packer: watching " + workspace.snapshot().state().config().name()
            + "; building on every change (Ctrl-C stops)"));
        terminal().err().flush();
      }
      while (!stopping) {
        buildOnce(build, workspace);
        if (!awaitChange()) {
          break;
        }
      }
    } finally {
      executor.shutdownNow();
      finished.countDown();
    }
    return ExitCode.OK;
  }

  /** Waits for a new snapshot, then for the snapshots to settle; false when stopping. */
  private boolean awaitChange() throws InterruptedException {
    synchronized (signal) {
      while (!changed && !stopping) {
        signal.wait();
      }
      while (!stopping) {
        long wait = changedAt + QUIET_NANOS - System.nanoTime();
        if (wait <= 0) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(signal, wait);
      }
      // A change from now on, even during the build below, brings one more build after it.
      changed = false;
      return !stopping;
    }
  }

  private void buildOnce(Build build, Workspace workspace) {
    Snapshot snapshot = workspace.snapshot();
    Path output = target.output(root.base(), workspace.root(), snapshot);
    long started = System.nanoTime();
    try {
      BuildResult result = build.run(workspace.root(), snapshot, output);
      reportBuilt(snapshot, workspace.root(), result, (System.nanoTime() - started) / 1_000_000);
    } catch (BuildFailedException e) {
      if (stopping) {
        return;
      }
      reportFailed(snapshot, e);
      if (e.isConflict()) {
        synchronized (signal) {
          changed = true; // The inputs moved under the build: their new snapshot is coming.
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      if (!stopping) {
        terminal().err().println(terminal().red("build failed: " + e.getMessage()) + " (the previous pack stays)");
        terminal().err().flush();
      }
    }
  }

  private void reportBuilt(Snapshot snapshot, Path workspaceRoot, BuildResult result, long millis) {
    String pack = target.shown(workspaceRoot, result.pack());
    if (json) {
      ObjectNode node = JsonOutput.NODES.objectNode()
          .put("ok", true)
          .put("snapshot", snapshot.version())
          .put("pack", pack)
          .put("sha256", result.sha256())
          .put("entries", result.entries().size())
          .put("processed", result.processed())
          .put("reused", result.cacheHits())
          .put("bytes", result.bytesOut())
          .put("millis", millis);
      printLine(node);
      return;
    }
    terminal().out().println(terminal().green("built") + String.format(Locale.ROOT,
        " %s: %d entr%s (%d processed, %d reused), %,d bytes, sha256 %s, %.2f s",
        pack, result.entries().size(), result.entries().size() == 1 ? "y" : "ies", result.processed(),
        result.cacheHits(), result.bytesOut(), result.sha256().substring(0, 12), millis / 1000.0));
    terminal().out().flush();
  }

  private void reportFailed(Snapshot snapshot, BuildFailedException e) {
    long errors = Diagnostics.errors(e.diagnostics());
    if (json) {
      ObjectNode node = JsonOutput.NODES.objectNode()
          .put("ok", false)
          .put("snapshot", snapshot.version())
          .put("conflict", e.isConflict())
          .put("errors", errors);
      node.set("diagnostics", JsonOutput.diagnostics(e.diagnostics()));
      printLine(node);
      return;
    }
    Diagnostics.print(terminal(), false, e.diagnostics());
    String summary = e.isConflict()
        ? "build failed: inputs changed while it ran; building again (the previous pack stays)"
        : String.format(Locale.ROOT, "build failed: %d error%s (the previous pack stays)",
            errors, errors == 1 ? "" : "s");
    terminal().out().println(terminal().red(summary));
    terminal().out().flush();
  }

  private void printLine(ObjectNode node) {
    terminal().out().print(new String(CanonicalJson.compact(node), StandardCharsets.UTF_8));
    terminal().out().flush();
  }
}
