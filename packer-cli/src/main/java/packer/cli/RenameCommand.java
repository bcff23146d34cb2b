package packer.cli;

import packer.cli.remote.WriteLane;
import packer.lane.Command.Rename;
import packer.lane.Receipt;
import packer.snapshot.Asset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rename", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Change an asset's name in its asset.json; its id and folder stay.")
final class RenameCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "REF", description = "An id, a unique id prefix (4+ digits), a name or a folder.")
  String ref;

  @Parameters(index = "1", paramLabel = "NEW_NAME", description = "The new name, unique in the workspace.")
  String newName;

  @Override
  public Integer call() throws Exception {
    try (WriteLane workspace = root.openLane("packer rename " + ref + " " + newName)) {
      Asset asset = Writes.resolveRegistered(workspace, ref, root.base());
      Receipt receipt = workspace.execute(new Rename(asset.id().orElseThrow(), newName));
      Writes.report(this, workspace, receipt, "renamed " + asset.name().orElse("?") + " to " + newName);
    }
    return ExitCode.OK;
  }
}
