package packer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.Optional;
import packer.build.EntryCodec;
import packer.pack.Pack;
import packer.pack.PackFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Check a pack's structure and every hash and checksum; zstd entries are decoded and hashed too.",
    "Exits 0 when it is sound, 1 naming the entry and offset that is wrong."})
final class VerifyCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "PACK", description = "The pack file.")
  String pack;

  @Override
  public Integer call() throws Exception {
    Pack opened;
    try {
      opened = PackFiles.openAsTyped(root, pack);
    } catch (PackFormatException e) {
      return fail(e, Optional.empty());
    }
    try (Pack checked = opened) {
      try {
        checked.verify(EntryCodec.decoder());
      } catch (PackFormatException e) {
        return fail(e, Optional.of(checked));
      }
      if (json) {
        JsonOutput.print(terminal(), JsonOutput.NODES.objectNode()
            .put("pack", pack)
            .put("ok", true)
            .put("entries", checked.entries().size()));
      } else {
        terminal().out().println(pack + ": ok, " + checked.entries().size() + " entries, every hash matches");
        terminal().out().flush();
      }
      return ExitCode.OK;
    }
  }

  private int fail(PackFormatException e, Optional<Pack> opened) {
    if (json) {
      ObjectNode node = JsonOutput.NODES.objectNode()
          .put("pack", pack)
          .put("ok", false)
          .put("offset", e.offset())
          .put("problem", e.problem());
      if (e.entryId().isPresent()) {
        long id = e.entryId().getAsLong();
        ObjectNode entry = node.putObject("entry").put("id", HexFormat.of().toHexDigits(id));
        opened.flatMap(p -> p.find(id)).ifPresent(found -> entry.put("name", found.name()));
      }
      JsonOutput.print(terminal(), node);
    } else {
      terminal().out().println(terminal().red(PackFiles.describe(pack, e, opened)));
      terminal().out().flush();
    }
    return ExitCode.PROBLEMS;
  }
}
