package packer.cli.bench;

import java.io.PrintWriter;

/** What {@link HeapCommand} measured over several JVMs, and its part of the report. */
final class HeapFigures {

  static final double GOAL_BYTES_PER_ASSET = 1024;

  private long assets;
  private final Samples snapshot = new Samples();
  private final Samples state = new Samples();

  void add(long assetCount, long snapshotBytes, long stateBytes) {
    assets = assetCount;
    snapshot.add(snapshotBytes);
    state.add(stateBytes);
  }

  double bytesPerAsset() {
    return snapshot.median() / assets;
  }

  void print(PrintWriter out, String reproduce) {
    out.println("### Heap of one snapshot");
    out.println();
    out.println("Used heap after full collections with the snapshot reachable, minus before the workspace was");
    out.println("opened (a child JVM with the launcher's flags, serial GC). *Raw state* is the part still held when");
    out.println("only the snapshot's `WorkspaceState` (registry + one `FolderScan` per asset) is kept.");
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
    out.println("Reproduce: `" + reproduce + "`");
    out.println();
  }
}
