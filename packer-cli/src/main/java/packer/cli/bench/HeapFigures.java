package packer.cli.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What {@link HeapCommand} measured over several JVMs, and its part of the report. */
final class HeapFigures {

  static final double GOAL_BYTES_PER_ASSET = 1024;

  private long assets;
  private final Samples snapshot = new Samples();
  private final Samples state = new Samples();
  private final Samples unaccounted = new Samples();
  private final Map<String, long[]> classes = new LinkedHashMap<>();

  void add(long assetCount, long snapshotBytes, long stateBytes, long unaccountedBytes) {
    assets = assetCount;
    unaccounted.add(unaccountedBytes);
    snapshot.add(snapshotBytes);
    state.add(stateBytes);
  }

  /** What one snapshot's objects of a class weigh; the same in every run, so the first run's is kept. */
  void addClass(String name, long bytes, long instances) {
    classes.putIfAbsent(name, new long[] {bytes, instances});
  }

  double bytesPerAsset() {
    return snapshot.median() / assets;
  }

  void print(PrintWriter out, String reproduce) {
    out.println("### Heap of one snapshot");
    out.println();
    out.println("How much live heap grows when one more snapshot is kept reachable, counted object by object by the");
    out.println("JVM's class histogram (a full collection first), in a child JVM with the launcher's flags. *Raw state*");
    out.println("is what stays when only that snapshot's `WorkspaceState` (registry + one `FolderScan` per asset) is");
    out.println("kept; *indexes* is the rest (assets by id, folder and name).");
    out.println();
    Markdown table = new Markdown(">assets", ">snapshot heap (median)", ">min", ">max", ">per asset", ">raw state per asset",
        ">indexes per asset", "goal ≤ 1 KiB/asset");
    double perAsset = bytesPerAsset();
    double statePerAsset = state.median() / assets;
    table.row(Markdown.count(assets), ByteSize.format((long) snapshot.median()), ByteSize.format((long) snapshot.min()),
        ByteSize.format((long) snapshot.max()), Markdown.count(Math.round(perAsset)) + " B",
        Markdown.count(Math.round(statePerAsset)) + " B", Markdown.count(Math.round(perAsset - statePerAsset)) + " B",
        perAsset <= GOAL_BYTES_PER_ASSET ? "met" : "missed");
    table.print(out);
    out.println(String.format(Locale.ROOT, "Left out as belonging to no snapshot: `int[]` (no snapshot type holds one), %s to %s"
        + " per run, median %s.", ByteSize.format((long) unaccounted.min()), ByteSize.format((long) unaccounted.max()),
        ByteSize.format((long) unaccounted.median())));
    out.println();
    if (!classes.isEmpty()) {
      out.println("What a snapshot is made of (the heaviest classes):");
      out.println();
      Markdown byClass = new Markdown("class", ">bytes per asset", ">instances per asset");
      classes.forEach((name, counts) -> byClass.row("`" + name + "`",
          Markdown.count(Math.round((double) counts[0] / assets)),
          String.format(Locale.ROOT, "%.2f", (double) counts[1] / assets)));
      byClass.print(out);
    }
    out.println("Reproduce: `" + reproduce + "`");
    out.println();
  }
}
