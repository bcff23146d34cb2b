package packer.cli;

import packer.cli.remote.WriteLane;
import packer.lane.Command.Remove;
import packer.lane.Receipt;
import packer.snapshot.Asset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Remove an asset: delete its folder and retire its id for good (never issued again)."})
final class RmCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "REF", description = "An id, a unique id prefix (4+ digits), a name or a folder.")
  String ref;

  @Option(names = "--keep-files", description = "Keep the folder; it becomes an unregistered asset.")
  boolean keepFiles;

  @Override
  public Integer call() throws Exception {
    try (WriteLane workspace = root.openLane("packer rm " + ref)) {
      Asset asset = Writes.resolveRegistered(workspace, ref, root.base());
      Receipt receipt = workspace.execute(new Remove(asset.id().orElseThrow(), keepFiles));
      if (json) {
        JsonOutput.print(terminal(), JsonOutput.NODES.objectNode()
            .put("id", receipt.id().hex()).put("root", asset.folder()).put("state", "retired"));
      } else {
        terminal().out().println(receipt.id().hex() + "  removed " + asset.name().orElse(asset.folder())
            + (keepFiles ? " (files kept in " + asset.folder() + ")" : ""));
      }
    }
    return ExitCode.OK;
  }
}
