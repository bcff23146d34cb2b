package packer.build;

import java.util.List;
import packer.build.cache.CachedValue;
import packer.diagnostic.Diagnostic;
import packer.pack.Compression;
import packer.pack.PackEntry;
import packer.pack.StoredBytes;

/**
 * What one asset's job found: the entry and where its stored bytes come from (the previous pack,
 * the cache, its processor just now, or its input file as the pack is written), or the problems
 * that kept it from being built.
 *
 * @param previous the entry of the previous pack to copy, when {@code source} is COPIED
 * @param compression how {@code stored} encodes the entry, unless COPIED
 * @param stored the entry's stored bytes, unless COPIED
 * @param ifChanged what to report when {@code stored} turn out to differ from what was hashed, for
 *     bytes read from an input file as the pack is written; null otherwise
 */
record Outcome(
    BuiltEntry entry, String key, Source source, PackEntry previous, Compression compression, StoredBytes stored,
    Diagnostic ifChanged, long bytesIn, int inputsRead, List<Diagnostic> problems) {

  enum Source { COPIED, CACHED, PROCESSED }

  Outcome {
    problems = List.copyOf(problems);
  }

  static Outcome copied(BuiltEntry entry, String key, PackEntry previous, long bytesIn, int inputsRead) {
    return new Outcome(entry, key, Source.COPIED, previous, null, null, null, bytesIn, inputsRead, List.of());
  }

  static Outcome of(BuiltEntry entry, String key, Source source, CachedValue value, long bytesIn, int inputsRead) {
    return new Outcome(entry, key, source, null, value.compression(),
        StoredBytes.of(value.stored()).withCrc32c(value.storedCrc32c()), null, bytesIn, inputsRead, List.of());
  }

  /** An entry whose bytes are its input file's, copied into the pack as it is written. */
  static Outcome streamed(
      BuiltEntry entry, String key, StoredBytes file, Diagnostic ifChanged, long bytesIn, int inputsRead) {
    return new Outcome(entry, key, Source.PROCESSED, null, Compression.NONE, file, ifChanged, bytesIn, inputsRead,
        List.of());
  }

  static Outcome failed(List<Diagnostic> problems, int inputsRead) {
    return new Outcome(null, null, null, null, null, null, null, 0, inputsRead, problems);
  }
}
