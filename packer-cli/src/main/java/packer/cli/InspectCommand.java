package packer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import packer.pack.Pack;
import packer.pack.PackEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "List a pack's entries by id with name, type, sizes and hash.",
    "Columns: id, name, type, raw and stored size, compression, SHA-256 of the raw bytes."})
final class InspectCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "PACK", description = "The pack file.")
  String pack;

  @Override
  public Integer call() throws Exception {
    try (Pack opened = PackFiles.open(root, pack)) {
      if (json) {
        ObjectNode node = JsonOutput.NODES.objectNode()
            .put("pack", pack)
            .put("formatVersion", opened.majorVersion() + "." + opened.minorVersion())
            .put("alignment", opened.alignment())
            .put("size", opened.size());
        ArrayNode entries = node.putArray("entries");
        for (PackEntry entry : opened.entries()) {
          entries.addObject()
              .put("id", entry.idHex())
              .put("name", entry.name())
              .put("type", entry.type())
              .put("rawSize", entry.rawSize())
              .put("storedSize", entry.storedSize())
              .put("compression", entry.compression().toString())
              .put("offset", entry.dataOffset())
              .put("sha256", entry.contentHash().hex());
        }
        JsonOutput.print(terminal(), node);
        return ExitCode.OK;
      }
      Table table = new Table("ID", "NAME", "TYPE", "RAW", "STORED", "COMPRESSION", "SHA256");
      for (PackEntry entry : opened.entries()) {
        table.row(entry.idHex(), entry.name(), entry.type(), Long.toString(entry.rawSize()),
            Long.toString(entry.storedSize()), entry.compression().toString(), entry.contentHash().hex());
      }
      table.print(terminal().out());
      terminal().err().println(String.format(Locale.ROOT, "%d entr%s, %d bytes, format %d.%d, alignment %d",
          opened.entries().size(), opened.entries().size() == 1 ? "y" : "ies", opened.size(),
          opened.majorVersion(), opened.minorVersion(), opened.alignment()));
      terminal().err().flush();
      return ExitCode.OK;
    }
  }
}
