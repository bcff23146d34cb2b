package packer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import packer.cli.remote.WriteLane;
import packer.lane.Command.Create;
import packer.lane.Receipt;
import packer.snapshot.Asset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "new", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Create an asset: make FOLDER, copy the inputs in, write asset.json and register it.",
    "Prints the new asset's id."})
final class NewCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "FOLDER", description = "The new asset folder (must not exist yet).")
  String folder;

  @Option(names = "--type", required = true, description = "Asset type: blob, text, json or image.")
  String type;

  @Option(names = "--name", description = "Asset name (default: the folder's last segment).")
  String name;

  @Option(names = "--input", paramLabel = "FILE", description = "A file to copy in and declare as input (repeatable).")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--tag", paramLabel = "TAG", description = "A tag (repeatable).")
  List<String> tags = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    try (WriteLane workspace = root.openLane("packer new " + folder)) {
      String relative = AssetRefs.requireFolder(folder, root.base(), workspace.root());
      List<Path> files = new ArrayList<>();
      for (Path input : inputs) {
        files.add(root.base().resolve(input));
      }
      Receipt receipt = workspace.execute(new Create(relative, Optional.ofNullable(name), type, files, tags));
      Asset asset = workspace.snapshot().byId(receipt.id()).orElseThrow();
      if (json) {
        JsonOutput.print(terminal(), JsonOutput.asset(asset));
      } else {
        terminal().out().println(receipt.id().hex());
        terminal().err().println(terminal().green("created ") + asset.name().orElse("") + " in " + asset.folder());
      }
    }
    return ExitCode.OK;
  }
}
