package packer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import packer.cli.remote.WriteLane;
import packer.lane.Command.Adopt;
import packer.lane.Receipt;
import packer.snapshot.Asset;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "adopt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Give an id to asset folders made by hand (their asset.json is unregistered).")
final class AdoptCommand extends BaseCommand {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Parameters(paramLabel = "FOLDER", description = "Asset folders to adopt.")
    List<String> folders;

    @Option(names = "--all", description = "Adopt every unregistered asset.")
    boolean all;
  }

  @Override
  public Integer call() throws Exception {
    try (WriteLane workspace = root.openLane("packer adopt")) {
      List<String> folders = new ArrayList<>();
      if (target.all) {
        for (Asset asset : workspace.snapshot().assets()) {
          if (asset.id().isEmpty() && asset.declaration().isPresent()) {
            folders.add(asset.folder());
          }
        }
      } else {
        for (String typed : target.folders) {
          folders.add(AssetRefs.requireFolder(typed, root.base(), workspace.root()));
        }
      }
      ArrayNode adopted = JsonOutput.NODES.arrayNode();
      for (String folder : folders) {
        Receipt receipt = workspace.execute(new Adopt(folder));
        Asset asset = workspace.snapshot().byId(receipt.id()).orElseThrow();
        adopted.add(JsonOutput.asset(asset));
        if (!json) {
          terminal().out().println(receipt.id().hex() + "  " + folder);
        }
      }
      if (json) {
        JsonOutput.print(terminal(), adopted);
      } else if (folders.isEmpty()) {
        terminal().err().println("nothing to adopt: every asset folder is registered");
      }
    }
    return ExitCode.OK;
  }
}
