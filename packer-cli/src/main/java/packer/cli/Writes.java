package packer.cli;

import packer.lane.Receipt;
import packer.snapshot.Asset;
import packer.workspace.Workspace;

/** What the write commands share: refusing unregistered targets and reporting the result. */
final class Writes {

  private Writes() {}

  static Asset registered(Workspace workspace, Asset asset) throws UsageException {
    if (asset.id().isEmpty()) {
      throw new UsageException(asset.folder() + " is not registered yet; run packer adopt " + asset.folder() + " first");
    }
    return asset;
  }

  static void report(BaseCommand command, Workspace workspace, Receipt receipt, String message) {
    if (command.json) {
      workspace.snapshot().byId(receipt.id()).ifPresent(asset -> JsonOutput.print(command.terminal(), JsonOutput.asset(asset)));
    } else {
      command.terminal().out().println(receipt.id().hex() + "  " + message);
    }
  }
}
