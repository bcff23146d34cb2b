package packer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import packer.relocation.AssetMemory;
import packer.relocation.Pairing;
import packer.relocation.Remembered;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Summarize the workspace: assets by state, and those that need attention.",
    "Lists unregistered, missing and invalid assets, and where missing ones were probably moved."})
final class StatusCommand extends BaseCommand {

  @Override
  public Integer call() throws Exception {
    Snapshot snapshot;
    Pairing.Result pairs;
    AssetMemory memory;
    try (Workspace workspace = root.openForReading()) {
      snapshot = workspace.snapshot();
      memory = workspace.memory();
      pairs = Pairing.pair(snapshot, memory);
    }
    Map<AssetState, Integer> counts = new EnumMap<>(AssetState.class);
    for (AssetState state : AssetState.values()) {
      counts.put(state, 0);
    }
    snapshot.assets().forEach(a -> counts.merge(a.state(), 1, Integer::sum));
    if (json) {
      ObjectNode node = JsonOutput.NODES.objectNode();
      ObjectNode countNode = node.putObject("counts");
      counts.forEach((state, n) -> countNode.put(state.label(), n));
      ArrayNode attention = node.putArray("assets");
      for (Asset asset : snapshot.assets()) {
        if (asset.state() != AssetState.REGISTERED) {
          attention.add(JsonOutput.asset(asset));
        }
      }
      node.set("moves", Moves.json(pairs));
      node.put("errors", snapshot.diagnostics().stream().filter(d -> d.isError()).count());
      JsonOutput.print(terminal(), node);
      return ExitCode.OK;
    }
    PrintWriter out = terminal().out();
    // Concatenated, not String.format: a status uses no other format, and a JVM's first one costs ms.
    out.println(snapshot.assets().size() + " assets: " + counts.get(AssetState.REGISTERED) + " registered, "
        + counts.get(AssetState.UNREGISTERED) + " unregistered, " + counts.get(AssetState.MISSING) + " missing, "
        + counts.get(AssetState.INVALID) + " invalid");
    section(out, snapshot, memory, AssetState.UNREGISTERED, "Unregistered (packer adopt FOLDER, or --all):");
    section(out, snapshot, memory, AssetState.MISSING, "Missing (moved or deleted outside packer):");
    section(out, snapshot, memory, AssetState.INVALID, "Invalid (packer check tells why):");
    Moves.print(terminal(), pairs);
    out.flush();
    return ExitCode.OK;
  }

  private void section(PrintWriter out, Snapshot snapshot, AssetMemory memory, AssetState state, String title) {
    boolean first = true;
    for (Asset asset : snapshot.assets()) {
      if (asset.state() != state) {
        continue;
      }
      if (first) {
        out.println();
        out.println(terminal().bold(title));
        first = false;
      }
      out.println("  " + asset.id().map(Object::toString).orElse("-               ") + "  "
          + asset.name().or(() -> asset.id().flatMap(memory::get).map(Remembered::name)).orElse("-")
          + "  " + asset.folder());
    }
  }
}
