package packer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ls", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "List assets: registered ones by id, then unregistered ones by folder.")
final class LsCommand extends BaseCommand {

  @Option(names = "--type", description = "Only assets of this type.")
  String type;

  @Option(names = "--tag", description = "Only assets with this tag.")
  String tag;

  @Option(names = "--state", description = "Only assets in this state: registered, unregistered, missing, invalid.")
  String state;

  @Override
  public Integer call() throws Exception {
    AssetState wanted = null;
    if (state != null) {
      try {
        wanted = AssetState.parse(state);
      } catch (IllegalArgumentException e) {
        throw new UsageException("unknown state '" + state + "'; use registered, unregistered, missing or invalid");
      }
    }
    List<Asset> shown = new ArrayList<>();
    try (Workspace workspace = root.openForReading()) {
      for (Asset asset : workspace.snapshot().assets()) {
        if ((type == null || asset.type().filter(type::equals).isPresent())
            && (tag == null || asset.tags().contains(tag))
            && (wanted == null || asset.state() == wanted)) {
          shown.add(asset);
        }
      }
    }
    if (json) {
      ArrayNode array = JsonOutput.NODES.arrayNode();
      shown.forEach(asset -> array.add(JsonOutput.asset(asset)));
      JsonOutput.print(terminal(), array);
      return ExitCode.OK;
    }
    Table table = new Table("ID", "STATE", "TYPE", "NAME", "FOLDER");
    for (Asset asset : shown) {
      table.row(asset.id().map(Object::toString).orElse("-"), asset.state().label(),
          asset.type().orElse("-"), asset.name().orElse("-"), asset.folder());
    }
    table.print(terminal().out());
    if (shown.isEmpty()) {
      terminal().err().println(String.format(Locale.ROOT, "no assets%s", state == null && type == null && tag == null ? "" : " match"));
    }
    return ExitCode.OK;
  }
}
