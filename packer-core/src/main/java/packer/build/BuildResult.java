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
 * @param bytesIn the total size of the input files
 * @param bytesOut the size of the pack file
 * @param processed entries whose processor ran
 * @param cacheHits entries not processed: taken from the build cache or copied from the previous pack
 * @param copied of the cache hits, entries whose stored bytes were copied from the previous pack
 * @param inputsRead input files read (the others were known by their fingerprint)
 * @param rewritten false when the pack on disk already held exactly these entries and was left alone
 */
public record BuildResult(
    Path pack, Path manifest, String sha256, List<BuiltEntry> entries, long bytesIn, long bytesOut,
    int processed, int cacheHits, int copied, int inputsRead, boolean rewritten) {

  public BuildResult {
    entries = List.copyOf(entries);
  }
}
