package packer.snapshot;

import java.util.Comparator;
import packer.diagnostic.Diagnostic;

/**
 * Orders the workspace's problems as one stable sort of them would: by {@link Diagnostic#ORDER},
 * then the workspace's own problems first, then by asset in {@link Snapshot#assets()} order, then
 * in each owner's order.
 *
 * @param owner null for a problem of the workspace as a whole
 */
record ProblemKey(Diagnostic diagnostic, AssetKey owner, int index) {

  static final Comparator<ProblemKey> ORDER = Comparator.comparing(ProblemKey::diagnostic, Diagnostic.ORDER)
      .thenComparing(ProblemKey::owner, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparingInt(ProblemKey::index);
}
