package packer.build;

import java.util.List;
import packer.diagnostic.Diagnostic;

/**
 * What processing one asset gave: the entry and its bytes, or the problems that kept it from
 * being built (never both).
 */
record Processed(BuiltEntry entry, byte[] bytes, long bytesIn, List<Diagnostic> problems) {

  Processed {
    problems = List.copyOf(problems);
  }

  static Processed of(BuiltEntry entry, byte[] bytes, long bytesIn) {
    return new Processed(entry, bytes, bytesIn, List.of());
  }

  static Processed failed(List<Diagnostic> problems) {
    return new Processed(null, null, 0, problems);
  }

  boolean succeeded() {
    return problems.isEmpty();
  }
}
