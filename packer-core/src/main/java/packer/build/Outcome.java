package packer.build;

import java.util.List;
import packer.build.cache.CachedValue;
import packer.diagnostic.Diagnostic;
import packer.pack.PackEntry;

/**
 * What one asset's job found: the entry and where its stored bytes come from (the previous pack,
 * the cache or its processor just now), or the problems that kept it from being built.
 */
record Outcome(
    BuiltEntry entry, String key, Source source, PackEntry previous, CachedValue value, long bytesIn,
    int inputsRead, List<Diagnostic> problems) {

  enum Source { COPIED, CACHED, PROCESSED }

  Outcome {
    problems = List.copyOf(problems);
  }

  static Outcome copied(BuiltEntry entry, String key, PackEntry previous, long bytesIn, int inputsRead) {
    return new Outcome(entry, key, Source.COPIED, previous, null, bytesIn, inputsRead, List.of());
  }

  static Outcome of(BuiltEntry entry, String key, Source source, CachedValue value, long bytesIn, int inputsRead) {
    return new Outcome(entry, key, source, null, value, bytesIn, inputsRead, List.of());
  }

  static Outcome failed(List<Diagnostic> problems, int inputsRead) {
    return new Outcome(null, null, null, null, null, 0, inputsRead, problems);
  }
}
