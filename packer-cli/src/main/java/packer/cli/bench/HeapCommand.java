package packer.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import packer.snapshot.Snapshot;
import packer.snapshot.WorkspaceState;
import packer.workspace.Options;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The heap one snapshot of a workspace holds: used heap after a full collection with the snapshot
 * reachable, minus used heap before the workspace was opened. Then the same with only the
 * snapshot's {@link WorkspaceState} reachable, which splits the figure into the raw facts read
 * from disk and the indexes derived from them.
 *
 * <p>The workspace is opened once before the baseline, so that what opening loads for good
 * (classes' static caches, Jackson's symbol tables) is not charged to the snapshot. Run with a
 * stop-the-world collector ({@code -XX:+UseSerialGC}) so {@code System.gc()} is a full collection.
 *
 * <p>Prints {@code heap assets=N baseline=B snapshot=S state=T} (bytes), for {@code bench run}.
 */
@Command(name = "heap", hidden = true, description = "Measure the heap a snapshot holds (for bench run).")
final class HeapCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR") Path dir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (Workspace warmUp = Workspace.openForReading(dir.toAbsolutePath(), Options.defaults())) {
      warmUp.snapshot();
    }
    long baseline = usedAfterGc();
    Snapshot snapshot;
    try (Workspace workspace = Workspace.openForReading(dir.toAbsolutePath(), Options.defaults())) {
      snapshot = workspace.snapshot();
    }
    long withSnapshot = usedAfterGc();
    int assets = snapshot.assets().size();
    WorkspaceState state = snapshot.state();
    Reference.reachabilityFence(snapshot);
    snapshot = null;
    long withState = usedAfterGc();
    Reference.reachabilityFence(state);
    spec.commandLine().getOut().println(String.format(Locale.ROOT, "heap assets=%d baseline=%d snapshot=%d state=%d",
        assets, baseline, withSnapshot - baseline, withState - baseline));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** Used heap once collections stop freeing anything. */
  private static long usedAfterGc() throws InterruptedException {
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(50);
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (used >= previous - 1024) {
        return used;
      }
      previous = used;
    }
    return previous;
  }
}
