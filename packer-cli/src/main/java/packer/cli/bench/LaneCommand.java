package packer.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import packer.fs.Disk;
import packer.fs.OsDisk;
import packer.id.AssetId;
import packer.lane.Command.Rename;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;
import packer.workspace.Options;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Lane throughput and read latency, in-process: T writer threads each rename their own assets in a
 * loop (submit, wait until durable, next), so up to T commands wait at once and the lane can group
 * them into one journal transaction. Meanwhile a reader thread takes {@code ws.snapshot()} and
 * looks an asset up by id, timing each read; then it reads as many times again with the lane idle.
 * Reads are paced (one every ~100 µs) so the reader does not starve the writers of the two cores.
 *
 * <p>Prints, per thread count, {@code lane threads=T commits=C nanos=N groups=G forces=F} (F: the
 * files and folders forced while measuring) and
 * {@code reads threads=T mode=busy|idle count=N p50=.. p99=.. max=..} (nanoseconds).
 */
@Command(name = "lane", hidden = true, description = "Measure lane throughput and read latency (for bench run).")
final class LaneCommand implements java.util.concurrent.Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR") Path dir;

  @Option(names = "--threads", split = ",", defaultValue = "4,16") List<Integer> threads;

  @Option(names = "--renames", defaultValue = "1000", description = "Renames per thread count, shared by the threads.")
  int renames;

  @Option(names = "--warm-up", defaultValue = "" + WARM_UP, description = "Renames before measuring, not counted.")
  int warmUp;

  @Spec CommandSpec spec;

  static final int WARM_UP = 100;
  private static final int ASSETS_PER_THREAD = 8;
  private static final long READ_PACE_NANOS = 100_000;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CountingDisk disk = new CountingDisk(new OsDisk());
    try (Workspace workspace =
        Workspace.openForWriting(dir.toAbsolutePath(), Options.defaults().withDisk(disk), "packer bench lane")) {
      List<Asset> assets = new ArrayList<>();
      for (Asset asset : workspace.snapshot().assets()) {
        if (asset.state() == AssetState.REGISTERED) {
          assets.add(asset);
        }
      }
      int most = threads.stream().mapToInt(Integer::intValue).max().orElse(1);
      if (assets.size() < most * ASSETS_PER_THREAD) {
        throw new IllegalArgumentException("the workspace has " + assets.size() + " registered assets; "
            + most * ASSETS_PER_THREAD + " are needed for " + most + " threads");
      }
      List<AssetId> ids = new ArrayList<>();
      assets.forEach(a -> ids.add(a.id().orElseThrow()));
      String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36); // Names unused by earlier runs.
      writers(workspace, assets, Math.min(4, most), warmUp, run + "w", null);
      for (int count : threads) {
        long before = workspace.snapshot().version();
        long forcesBefore = disk.forces.get();
        Reader reader = new Reader(workspace, ids);
        long nanos = writers(workspace, assets, count, renames, run + "t" + count, reader);
        long groups = workspace.snapshot().version() - before;
        long forces = disk.forces.get() - forcesBefore;
        int done = (renames / count) * count;
        out.println(String.format(Locale.ROOT, "lane threads=%d commits=%d nanos=%d groups=%d forces=%d",
            count, done, nanos, groups, forces));
        print(out, count, "busy", reader.latencies);
        Reader idle = new Reader(workspace, ids);
        idle.readTimes(reader.latencies.size());
        print(out, count, "idle", idle.latencies);
        out.flush();
      }
    }
    return 0;
  }

  /** Runs {@code count} writers for {@code total} renames in all; returns the time they took. */
  private static long writers(Workspace workspace, List<Asset> assets, int count, int total, String tag, Reader reader)
      throws Exception {
    int each = total / count;
    CountDownLatch ready = new CountDownLatch(count);
    CountDownLatch go = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      List<Asset> own = assets.subList(t * ASSETS_PER_THREAD, (t + 1) * ASSETS_PER_THREAD);
      int thread = t;
      threads.add(new Thread(() -> {
        ready.countDown();
        try {
          go.await();
          for (int k = 0; k < each; k++) {
            Asset asset = own.get(k % own.size());
            String base = asset.name().orElseThrow();
            int mark = base.indexOf('~'); // Left by an earlier run.
            String name = (mark < 0 ? base : base.substring(0, mark)) + "~" + tag + "-" + thread + "-" + k;
            workspace.submit(new Rename(asset.id().orElseThrow(), name), OptionalLong.empty()).join();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // CompletionException too: a rename that failed
          failure.compareAndSet(null, e);
        }
      }, "bench-writer-" + t));
    }
    threads.forEach(Thread::start);
    ready.await();
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread readerThread = null;
    if (reader != null) {
      readerThread = new Thread(() -> reader.readWhile(writing), "bench-reader");
      readerThread.start();
    }
    long start = System.nanoTime();
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    long nanos = System.nanoTime() - start;
    writing.set(false);
    if (readerThread != null) {
      readerThread.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a rename failed: " + failure.get(), failure.get());
    }
    return nanos;
  }

  private static void print(PrintWriter out, int threads, String mode, List<Long> latencies) {
    Samples samples = new Samples();
    latencies.forEach(l -> samples.add(l));
    if (samples.isEmpty()) {
      samples.add(0);
    }
    out.println(String.format(Locale.ROOT, "reads threads=%d mode=%s count=%d p50=%.0f p99=%.0f max=%.0f",
        threads, mode, latencies.size(), samples.median(), samples.percentile(99), samples.max()));
  }

  /** The real disk, counting its forces: each write and copy forces its file, each folder sync its folder. */
  private static final class CountingDisk implements Disk {
    final AtomicLong forces = new AtomicLong();
    private final Disk delegate;

    CountingDisk(Disk delegate) {
      this.delegate = delegate;
    }

    @Override
    public void write(Path file, byte[] content) throws IOException {
      forces.incrementAndGet();
      delegate.write(file, content);
    }

    @Override
    public void copy(Path source, Path target) throws IOException {
      forces.incrementAndGet();
      delegate.copy(source, target);
    }

    @Override
    public void move(Path source, Path target) throws IOException {
      delegate.move(source, target);
    }

    @Override
    public void delete(Path path) throws IOException {
      delegate.delete(path);
    }

    @Override
    public void createDirectory(Path dir) throws IOException {
      delegate.createDirectory(dir);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
      forces.incrementAndGet();
      delegate.syncDirectory(dir);
    }
  }

  /** Takes a snapshot and looks one asset up by id, timing it; paced so it leaves the CPU to others. */
  private static final class Reader {
    final Workspace workspace;
    final List<AssetId> ids;
    final List<Long> latencies = new ArrayList<>();
    long sink;

    Reader(Workspace workspace, List<AssetId> ids) {
      this.workspace = workspace;
      this.ids = ids;
    }

    void readWhile(AtomicBoolean condition) {
      int i = 0;
      while (condition.get()) {
        readOnce(i++);
      }
    }

    void readTimes(int times) {
      for (int i = 0; i < times; i++) {
        readOnce(i);
      }
    }

    private void readOnce(int i) {
      AssetId id = ids.get((int) ((i * 2654435761L) % ids.size()));
      long start = System.nanoTime();
      Snapshot snapshot = workspace.snapshot();
      Asset asset = snapshot.byId(id).orElseThrow();
      long nanos = System.nanoTime() - start;
      sink += asset.folder().length() + snapshot.version();
      latencies.add(nanos);
      LockSupport.parkNanos(READ_PACE_NANOS);
    }
  }
}
