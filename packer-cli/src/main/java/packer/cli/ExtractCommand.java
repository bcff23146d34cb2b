package packer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import packer.build.EntryCodec;
import packer.pack.Compression;
import packer.pack.Pack;
import packer.pack.PackEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "extract", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Write one entry's raw bytes (zstd entries decoded) to FILE, or to stdout.",
    "The bytes are checked against the entry's content hash; a damaged entry exits 1.",
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
      if (!entry.compression().isKnown()) {
        throw new UsageException("entry " + entry.idHex() + " is compressed with " + entry.compression()
            + ", which this version of packer cannot decode; a newer packer may");
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

  /**
   * Writes the entry's raw bytes (decoded when compressed), checking them against the entry's
   * content hash and raw size.
   *
   * @throws DamagedPackException when they do not match: the data is damaged
   */
  private void copy(Pack pack, PackEntry entry, OutputStream out) throws IOException, DamagedPackException {
    MessageDigest sha = packer.scan.Sha256.newDigest();
    long written = 0;
    // One write for the whole entry when it fits: a text sink decodes each write on its own.
    if (entry.compression().equals(Compression.NONE) && entry.storedSize() <= Integer.MAX_VALUE - 8) {
      byte[] bytes = new byte[(int) entry.storedSize()];
      pack.data(entry).get(bytes);
      sha.update(bytes);
      written = bytes.length;
      check(entry, sha, written);
      out.write(bytes);
      return;
    }
    try (InputStream in = EntryCodec.decode(entry, pack.openStream(entry))) {
      byte[] buffer = new byte[1 << 16];
      for (int n; written <= entry.rawSize() && (n = in.read(buffer)) != -1; written += n) {
        sha.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      if (e instanceof java.nio.file.FileSystemException) {
        throw e;
      }
      throw new DamagedPackException(pack(entry) + ": " + entry.compression() + " data does not decode: "
          + e.getMessage(), e);
    }
    check(entry, sha, written);
  }

  private void check(PackEntry entry, MessageDigest sha, long written) throws DamagedPackException {
    if (written != entry.rawSize() || !entry.contentHash().equals(packer.pack.Sha256.of(sha.digest()))) {
      throw new DamagedPackException(pack(entry) + ": its data does not match its content hash (damaged);"
          + " run packer verify " + pack, null);
    }
  }

  private String pack(PackEntry entry) {
    return pack + ": offset " + entry.dataOffset() + ": entry " + entry.idHex() + " (" + entry.name() + ")";
  }
}
