package packer.cli;

import packer.cli.remote.WriteLane;
import packer.lane.Command.Move;
import packer.lane.Receipt;
import packer.snapshot.Asset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "mv", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Move an asset's folder and rebind its id to the new place.")
final class MvCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "REF", description = "An id, a unique id prefix (4+ digits), a name or a folder.")
  String ref;

  @Parameters(index = "1", paramLabel = "NEW_FOLDER", description = "Where the folder goes (must not exist yet).")
  String newFolder;

  @Override
  public Integer call() throws Exception {
    try (WriteLane workspace = root.openLane("packer mv " + ref + " " + newFolder)) {
      Asset asset = Writes.resolveRegistered(workspace, ref, root.base());
      String target = AssetRefs.requireFolder(newFolder, root.base(), workspace.root());
      Receipt receipt = workspace.execute(new Move(asset.id().orElseThrow(), target));
      Writes.report(this, workspace, receipt, "moved " + asset.folder() + " to " + target);
    }
    return ExitCode.OK;
  }
}
