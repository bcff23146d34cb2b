package packer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import packer.cli.remote.LocalLane;
import packer.cli.remote.WriteLane;
import packer.diagnostic.Diagnostic;
import packer.lane.Command.Relocate;
import packer.lane.CommandRejected;
import packer.relocation.Pairing;
import packer.workspace.RecoveryLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Repair the workspace: report recovery, pair moved assets, list what is left.",
    "Tells what recovery did after a crash, pairs missing assets with the folders they were moved to, "
        + "and lists what is left to fix. With --fix, relocates every unique one-to-one match, keeping ids."})
final class DoctorCommand extends BaseCommand {

  @Option(names = "--fix", description = "Relocate missing assets that have exactly one matching folder.")
  boolean fix;

  @Override
  public Integer call() throws Exception {
    ObjectNode report = JsonOutput.NODES.objectNode();
    PrintWriter out = terminal().out();
    try (WriteLane workspace = fix ? root.openLane("packer doctor --fix") : new LocalLane(root.openForReading())) {
      List<String> recovered = RecoveryLog.read(workspace.root());
      ArrayNode recovery = report.putArray("recovery");
      recovered.forEach(recovery::add);
      if (!json) {
        if (recovered.isEmpty()) {
          out.println("journal: clean, no interrupted commit");
        } else {
          out.println(terminal().bold("Recovery after an interrupted write:"));
          recovered.forEach(line -> out.println("  " + line));
        }
      }
      if (fix) {
        RecoveryLog.clear(workspace.root());
      }
      Pairing.Result pairs = Pairing.pair(workspace.snapshot(), workspace.memory());
      ArrayNode relocated = report.putArray("relocated");
      if (fix) {
        for (Pairing.Match match : pairs.matches()) {
          try {
            workspace.execute(new Relocate(match.id(), match.folder()));
            relocated.addObject().put("id", match.id().hex()).put("from", match.formerFolder()).put("to", match.folder());
            if (!json) {
              out.println(terminal().green("relocated ") + match.id() + "  " + match.formerFolder() + " -> " + match.folder());
            }
          } catch (CommandRejected rejected) {
            terminal().err().println("could not relocate " + match.id() + ": " + rejected.getMessage());
          }
        }
        pairs = Pairing.pair(workspace.snapshot(), workspace.memory());
      } else if (!json) {
        Moves.print(terminal(), pairs);
      }
      report.set("moves", Moves.json(pairs));
      List<Diagnostic> left = workspace.snapshot().diagnostics();
      report.set("diagnostics", JsonOutput.diagnostics(left));
      long errors = left.stream().filter(Diagnostic::isError).count();
      if (json) {
        JsonOutput.print(terminal(), report);
      } else {
        for (Diagnostic diagnostic : left) {
          out.println(Diagnostics.render(terminal(), diagnostic));
        }
        if (!fix && !pairs.matches().isEmpty()) {
          out.println(terminal().dim("run packer doctor --fix to relocate the unique matches"));
        }
        out.println(errors == 0 ? terminal().green("no errors") : terminal().red(errors + " error" + (errors == 1 ? "" : "s") + " left"));
      }
      out.flush();
      return errors == 0 ? ExitCode.OK : ExitCode.PROBLEMS;
    }
  }
}
