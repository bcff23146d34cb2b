package packer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import packer.build.Build;
import packer.build.BuildFailedException;
import packer.build.BuildResult;
import packer.diagnostic.Diagnostic;
import packer.snapshot.Snapshot;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "build", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Build the workspace into one deterministic pack and its manifest.",
    "Writes <output>/<name>.pack and <name>.manifest.json (output from packer.json, or --out).",
    "The same registry, declarations and input bytes always give the same pack, byte for byte.",
    "Incremental: unchanged inputs are only stat'ed, unchanged entries come from the build cache "
        + "(.packer/cache/build, trim it with 'packer gc') or are copied from the previous pack, and a "
        + "pack that would not change is not rewritten. A progress bar shows on a terminal (stderr).",
    "--json prints pack, manifest, sha256, entries, bytes {in, out}, cacheHits, processed, copied, "
        + "inputsRead, rewritten and millis.",
    "With any error in the workspace it prints every diagnostic, exits 1 and leaves the old pack; "
        + "exits 4 when an input changed during the build (run it again)."})
final class BuildCommand extends BaseCommand {

  @Mixin BuildTarget target;

  @Override
  public Integer call() throws Exception {
    int count = target.threadCount();
    long started = System.nanoTime();
    try (Workspace workspace = root.openForReading()) {
      Snapshot snapshot = workspace.snapshot();
      Path output = target.output(root.base(), workspace.root(), snapshot);
      ExecutorService executor = Builds.threads(count);
      BuildResult result;
      try {
        Build build = Builds.create(executor);
        try (ProgressDisplay progress = ProgressDisplay.of(terminal(), json, "build")) {
          result = build.withProgress(progress).run(workspace.root(), snapshot, output);
        }
      } catch (BuildFailedException e) {
        return reportFailure(e);
      } finally {
        executor.shutdownNow();
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (!json) {
        // Warnings (e.g. an asset.json not adopted yet, so not in the pack) do not stop a build.
        for (Diagnostic warning : snapshot.diagnostics()) {
          terminal().out().println(Diagnostics.render(terminal(), warning));
        }
      }
      report(result, target.shown(workspace.root(), result.pack()),
          target.shown(workspace.root(), result.manifest()), millis);
      return ExitCode.OK;
    }
  }

  private void report(BuildResult result, String pack, String manifest, long millis) {
    if (json) {
      ObjectNode node = JsonOutput.NODES.objectNode()
          .put("pack", pack)
          .put("manifest", manifest)
          .put("sha256", result.sha256())
          .put("entries", result.entries().size())
          .put("cacheHits", result.cacheHits())
          .put("processed", result.processed())
          .put("copied", result.copied())
          .put("inputsRead", result.inputsRead())
          .put("rewritten", result.rewritten())
          .put("millis", millis);
      node.putObject("bytes").put("in", result.bytesIn()).put("out", result.bytesOut());
      JsonOutput.print(terminal(), node);
      return;
    }
    terminal().out().println(String.format(Locale.ROOT,
        "built %s and %s: %d entr%s, %,d bytes in, %,d bytes out, %d cache hit%s (%d processed, %d copied"
            + " from the previous pack)%s, sha256 %s, %.2f s",
        pack, manifest, result.entries().size(), result.entries().size() == 1 ? "y" : "ies",
        result.bytesIn(), result.bytesOut(), result.cacheHits(), result.cacheHits() == 1 ? "" : "s",
        result.processed(), result.copied(), result.rewritten() ? "" : ", pack unchanged",
        result.sha256(), millis / 1000.0));
    terminal().out().flush();
  }

  private int reportFailure(BuildFailedException e) {
    long errors = Diagnostics.errors(e.diagnostics());
    Diagnostics.print(terminal(), json, e.diagnostics());
    if (!json) {
      String summary = e.isConflict()
          ? "build failed: inputs changed while it ran; run it again (the previous pack is untouched)"
          : String.format(Locale.ROOT, "build failed: %d error%s (the previous pack is untouched)",
              errors, errors == 1 ? "" : "s");
      terminal().err().println(terminal().red(summary));
      terminal().err().flush();
    }
    return e.isConflict() ? ExitCode.CONFLICT : ExitCode.PROBLEMS;
  }
}
