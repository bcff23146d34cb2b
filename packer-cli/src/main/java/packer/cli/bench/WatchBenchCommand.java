package packer.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import packer.declaration.DeclarationReader;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;
import packer.watch.WorkspaceWatcher;
import packer.workspace.Options;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Time from an edit on disk to its snapshot, in-process: the workspace open for writing with the
 * watcher on (as {@code packer serve} runs it), one asset.json at a time is rewritten with a new
 * name, and the clock stops when the lane publishes the snapshot holding that name (the moment the
 * server's {@code snapshot} event is sent from). Each edit is then undone, untimed, so the
 * workspace can be reused.
 *
 * <p>Prints {@code watch start=N} (nanoseconds to start the watcher: watch, hash, first full read)
 * and {@code edits count=N p50=.. p99=.. max=..} (nanoseconds).
 */
@Command(name = "watch", hidden = true, description = "Measure the time from an edit on disk to its snapshot (for bench run).")
final class WatchBenchCommand implements java.util.concurrent.Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR") Path dir;

  @Option(names = "--edits", defaultValue = "50", description = "Edits timed.")
  int edits;

  @Option(names = "--warm-up", defaultValue = "" + WARM_UP, description = "Edits before measuring, not counted.")
  int warmUp;

  @Spec CommandSpec spec;

  static final int WARM_UP = 5;
  private static final long TIMEOUT_SECONDS = 60;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper json = new ObjectMapper(); // Here, not in a static field: --help builds this command too.
    try (Workspace workspace = Workspace.openForWriting(dir.toAbsolutePath(), Options.defaults(), "packer bench watch")) {
      long started = System.nanoTime();
      try (WorkspaceWatcher watcher = WorkspaceWatcher.start(workspace)) {
        long startNanos = System.nanoTime() - started;
        List<Asset> assets = new ArrayList<>();
        for (Asset asset : workspace.snapshot().assetsById().values()) {
          if (asset.state() == AssetState.REGISTERED) {
            assets.add(asset);
          }
        }
        int total = warmUp + edits;
        if (assets.size() < total) {
          throw new IllegalArgumentException("the workspace has " + assets.size() + " registered assets; "
              + total + " are needed");
        }
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        long[] nanos = new long[edits];
        for (int i = 0; i < total; i++) {
          // Spread over the workspace: not one folder's cache line again and again.
          Asset asset = assets.get((int) ((long) i * assets.size() / total));
          long took = edit(workspace, json, asset, asset.name().orElseThrow() + "-w" + run + i);
          if (i >= warmUp) {
            nanos[i - warmUp] = took;
          }
        }
        java.util.Arrays.sort(nanos);
        out.println("watch start=" + startNanos);
        out.println(String.format(Locale.ROOT, "edits count=%d p50=%d p99=%d max=%d", edits, percentile(nanos, 0.50),
            percentile(nanos, 0.99), nanos[nanos.length - 1]));
        out.flush();
      }
    }
    return 0;
  }

  /** Renames {@code asset} on disk, times until its snapshot, and undoes it (untimed). */
  private static long edit(Workspace workspace, ObjectMapper json, Asset asset, String newName) throws Exception {
    Path file = workspace.root().resolve(asset.folder()).resolve(DeclarationReader.FILE_NAME);
    byte[] original = Files.readAllBytes(file);
    ObjectNode edited = (ObjectNode) json.readTree(original);
    edited.put("name", newName);
    long took = timeUntil(workspace, asset.folder(), newName, () -> Files.write(file, json.writeValueAsBytes(edited)));
    timeUntil(workspace, asset.folder(), asset.name().orElseThrow(), () -> Files.write(file, original));
    return took;
  }

  private interface Write {
    void run() throws Exception;
  }

  private static long timeUntil(Workspace workspace, String folder, String name, Write write) throws Exception {
    CountDownLatch seen = new CountDownLatch(1);
    AtomicLong at = new AtomicLong();
    try (AutoCloseable subscription = workspace.snapshots().subscribe(snapshot -> {
      if (holds(snapshot, folder, name) && at.compareAndSet(0, System.nanoTime())) {
        seen.countDown();
      }
    })) {
      long started = System.nanoTime();
      write.run();
      if (!seen.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no snapshot with " + folder + " named " + name + " within "
            + TIMEOUT_SECONDS + " s");
      }
      return at.get() - started;
    }
  }

  private static boolean holds(Snapshot snapshot, String folder, String name) {
    return snapshot.byFolder(folder).flatMap(Asset::name).map(name::equals).orElse(false);
  }

  private static long percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
