package packer.cli;

import packer.cli.remote.WriteLane;
import packer.lane.Command.Relocate;
import packer.lane.Receipt;
import packer.snapshot.Asset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "relocate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Rebind a missing asset to the folder it was moved to outside packer (file manager, git mv).",
    "The folder must hold an unregistered asset.json; the id is kept."})
final class RelocateCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "REF", description = "The missing asset: an id, a unique id prefix, or its former folder.")
  String ref;

  @Parameters(index = "1", paramLabel = "NEW_FOLDER", description = "Where the asset is now.")
  String newFolder;

  @Override
  public Integer call() throws Exception {
    try (WriteLane workspace = root.openLane("packer relocate " + ref + " " + newFolder)) {
      Asset asset = Writes.resolveRegistered(workspace, ref, root.base());
      String target = AssetRefs.requireFolder(newFolder, root.base(), workspace.root());
      Receipt receipt = workspace.execute(new Relocate(asset.id().orElseThrow(), target));
      Writes.report(this, workspace, receipt, "relocated " + asset.folder() + " to " + target);
    }
    return ExitCode.OK;
  }
}
