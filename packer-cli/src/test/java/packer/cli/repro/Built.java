package packer.cli.repro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/** What one {@code packer build} left in {@code build/}: the pack's and the manifest's bytes. */
public record Built(String packName, byte[] pack, byte[] manifest, String output) {

  /** Reads the one {@code *.pack} and its manifest under {@code <workspace>/build}. */
  static Built readFrom(Path workspace, String output) throws IOException {
    Path folder = workspace.resolve("build");
    Path pack;
    try (Stream<Path> files = Files.list(folder)) {
      pack = files.filter(file -> file.getFileName().toString().endsWith(".pack"))
          .sorted()
          .reduce((first, second) -> {
            throw new AssertionError("more than one pack in " + folder);
          })
          .orElseThrow(() -> new AssertionError("no pack in " + folder + "; packer said:\n" + output));
    }
    String name = pack.getFileName().toString();
    String stem = name.substring(0, name.length() - ".pack".length());
    return new Built(name, Files.readAllBytes(pack), Files.readAllBytes(folder.resolve(stem + ".manifest.json")),
        output);
  }

  public String packSha256() {
    return sha256(pack);
  }

  public String manifestSha256() {
    return sha256(manifest);
  }

  /** A line for a failure message: both hashes and sizes. */
  public String describe() {
    return "pack " + packSha256() + " (" + pack.length + " bytes), manifest " + manifestSha256() + " ("
        + manifest.length + " bytes)";
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
