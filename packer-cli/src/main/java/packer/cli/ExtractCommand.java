package packer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import packer.pack.Compression;
import packer.pack.Pack;
import packer.pack.PackEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "extract", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Write one entry's bytes to FILE, or to stdout.",
    "REF is the entry's id, a unique prefix of at least 4 hex digits of it, or its name."})
final class ExtractCommand extends BaseCommand {

  @Parameters(index = "0", paramLabel = "PACK", description = "The pack file.")
  String pack;

  @Parameters(index = "1", paramLabel = "REF", description = "Id, id prefix or name of the entry.")
  String ref;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  String output;

  @Override
  public Integer call() throws Exception {
    try (Pack opened = PackFiles.open(root, pack)) {
      PackEntry entry = PackFiles.resolve(opened, ref);
      if (!entry.compression().equals(Compression.NONE)) {
        throw new UsageException("entry " + entry.idHex() + " is compressed with " + entry.compression()
            + ", which this version of packer cannot extract yet");
      }
      if (output == null) {
        terminal().out().flush();
        OutputStream out = terminal().bytesOut();
        copy(opened, entry, out);
        out.flush();
      } else {
        Path target = root.base().resolve(output);
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
          throw new UsageException("cannot write " + output + ": its folder does not exist");
        }
        Path temp = target.resolveSibling("." + target.getFileName() + ".extract.tmp");
        try {
          try (OutputStream out = Files.newOutputStream(temp)) {
            copy(opened, entry, out);
          }
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(temp);
        }
        if (json) {
          JsonOutput.print(terminal(), JsonOutput.NODES.objectNode()
              .put("id", entry.idHex())
              .put("name", entry.name())
              .put("file", output)
              .put("size", entry.rawSize()));
        }
      }
      return ExitCode.OK;
    }
  }

  private static void copy(Pack pack, PackEntry entry, OutputStream out) throws IOException {
    // One write for the whole entry when it fits: a text sink decodes each write on its own.
    if (entry.storedSize() <= Integer.MAX_VALUE - 8) {
      byte[] bytes = new byte[(int) entry.storedSize()];
      pack.data(entry).get(bytes);
      out.write(bytes);
      return;
    }
    try (InputStream in = pack.openStream(entry)) {
      in.transferTo(out);
    }
  }
}
