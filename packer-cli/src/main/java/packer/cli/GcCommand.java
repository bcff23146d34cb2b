package packer.cli;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import packer.build.BuildFailedException;
import packer.build.CacheTrimmed;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;

@Command(name = "gc", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Trim the build cache (.packer/cache/build) to what building the workspace now would use.",
    "Deletes cached outputs no asset needs any more (old versions of changed inputs, params, "
        + "compression or processors) and the fingerprints of files that are no longer inputs; keeps "
        + "every output the next 'packer build' would take from the cache. Packs are never touched.",
    "Exits 1 (deleting nothing) when the workspace has errors, 4 when an input changed meanwhile.",
    "--json prints files, bytes, kept and fingerprints."})
final class GcCommand extends BaseCommand {

  @Override
  public Integer call() throws Exception {
    try (Workspace workspace = root.openForReading()) {
      ExecutorService executor = Builds.threads(Runtime.getRuntime().availableProcessors());
      CacheTrimmed trimmed;
      try {
        trimmed = Builds.create(executor).trimCache(workspace.root(), workspace.snapshot());
      } catch (BuildFailedException e) {
        return reportFailure(e);
      } finally {
        executor.shutdownNow();
      }
      if (json) {
        JsonOutput.print(terminal(), JsonOutput.NODES.objectNode()
            .put("files", trimmed.files())
            .put("bytes", trimmed.bytes())
            .put("kept", trimmed.kept())
            .put("fingerprints", trimmed.fingerprints()));
      } else {
        terminal().out().println(String.format(Locale.ROOT,
            "removed %d cached file%s (%,d bytes) and %d stale fingerprint%s; kept %d cached output%s",
            trimmed.files(), trimmed.files() == 1 ? "" : "s", trimmed.bytes(),
            trimmed.fingerprints(), trimmed.fingerprints() == 1 ? "" : "s",
            trimmed.kept(), trimmed.kept() == 1 ? "" : "s"));
        terminal().out().flush();
      }
      return ExitCode.OK;
    }
  }

  private int reportFailure(BuildFailedException e) {
    Diagnostics.print(terminal(), json, e.diagnostics());
    if (!json) {
      terminal().err().println(terminal().red(e.isConflict()
          ? "gc stopped: inputs changed while it ran; run it again (nothing was deleted)"
          : "gc refused: fix the workspace's errors first, or the cache of the broken assets would be lost"
              + " (nothing was deleted)"));
      terminal().err().flush();
    }
    return e.isConflict() ? ExitCode.CONFLICT : ExitCode.PROBLEMS;
  }
}
