package packer.build;

import java.nio.file.Path;
import java.util.List;

/**
 * What a successful build wrote.
 *
 * @param pack the pack file written
 * @param manifest the manifest written next to it
 * @param sha256 lowercase hex SHA-256 of the pack file as written
 * @param entries the entries in id order
 * @param bytesIn the total size of the input files read
 * @param bytesOut the size of the pack file
 */
public record BuildResult(
    Path pack, Path manifest, String sha256, List<BuiltEntry> entries, long bytesIn, long bytesOut) {

  public BuildResult {
    entries = List.copyOf(entries);
  }
}
