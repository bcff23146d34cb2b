package packer.cli;

import packer.cli.remote.WriteLane;
import packer.lane.Receipt;
import packer.snapshot.Asset;

/** What the write commands share: refusing unregistered targets and reporting the result. */
final class Writes {

  private Writes() {}

  /** The registered asset {@code ref} names, for a command that changes it. */
  static Asset resolveRegistered(WriteLane workspace, String ref, java.nio.file.Path base) throws UsageException {
    Asset asset = AssetRefs.resolve(workspace.snapshot(), ref, base, workspace.root());
    if (asset.id().isEmpty()) {
      throw new UsageException(asset.folder() + " is not registered yet; run packer adopt " + asset.folder() + " first");
    }
    return asset;
  }

  static void report(BaseCommand command, WriteLane workspace, Receipt receipt, String message) {
    if (command.json) {
      workspace.snapshot().byId(receipt.id()).ifPresent(asset -> JsonOutput.print(command.terminal(), JsonOutput.asset(asset)));
    } else {
      command.terminal().out().println(receipt.id().hex() + "  " + message);
    }
  }
}
