package packer.cli;

import java.util.List;
import java.util.Locale;
import packer.diagnostic.Diagnostic;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Report every problem in the workspace at once, as path:line:col: error[code]: message.",
    "Exits 1 when there are errors."})
final class CheckCommand extends BaseCommand {

  @Override
  public Integer call() throws Exception {
    List<Diagnostic> diagnostics;
    try (Workspace workspace = root.openForReading()) {
      diagnostics = workspace.snapshot().diagnostics();
    }
    long errors = Diagnostics.errors(diagnostics);
    long warnings = diagnostics.size() - errors;
    Diagnostics.print(terminal(), json, diagnostics);
    if (!json) {
      String summary = String.format(Locale.ROOT, "%d error%s, %d warning%s",
          errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
      terminal().err().println(errors > 0 ? terminal().red(summary) : terminal().green(summary));
    }
    return errors > 0 ? ExitCode.PROBLEMS : ExitCode.OK;
  }
}
