package packer.server.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import packer.build.Build;
import packer.build.BuildFailedException;
import packer.build.BuildProgress;
import packer.build.BuildResult;
import packer.processor.Processors;
import packer.snapshot.Snapshot;
import packer.snapshot.SnapshotPublisher;

/**
 * Runs the server's builds, one at a time, each on a thread of its own and on the snapshot
 * current when it starts, as {@code packer build} does; keeps the last {@value #KEPT}.
 *
 * <p>Listeners hear every change of the running build (start, planning, each asset, the end) in
 * order, on the thread that made it; they must only queue it.
 */
public final class BuildRunner implements AutoCloseable {

  public static final int KEPT = 16;
  private static final long CLOSE_WAIT_MILLIS = 60_000;

  /** Hears a build's changes; {@code milestone} is its start or end, the rest is progress. */
  public interface Listener {
    void changed(BuildStatus status, boolean milestone);
  }

  /** The answer to a start: the new build, or the one already running ({@code started} false). */
  public record Start(BuildStatus status, boolean started) {}

  private final Path root;
  private final SnapshotPublisher snapshots;
  private final Processors processors;
  private final String packerVersion;
  private final int threads;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final TreeMap<Integer, BuildStatus> kept = new TreeMap<>();
  private int lastNumber;
  private Thread running;
  private volatile boolean closing;

  public BuildRunner(Path root, SnapshotPublisher snapshots, Processors processors, String packerVersion,
      int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    this.root = root;
    this.snapshots = snapshots;
    this.processors = processors;
    this.packerVersion = packerVersion;
    this.threads = threads;
  }

  /** A runner with the processors packer build finds, one thread per processor. */
  public static BuildRunner standard(Path root, SnapshotPublisher snapshots) {
    return new BuildRunner(root, snapshots, Processors.discover(BuildRunner.class.getClassLoader()),
        packerVersion(), Runtime.getRuntime().availableProcessors());
  }

  public void listen(Listener listener) {
    listeners.add(listener);
  }

  /**
   * Starts a build of the current snapshot, unless one is running: then that one.
   *
   * @throws IllegalStateException when the runner is closing
   */
  public synchronized Start start() {
    if (closing) {
      throw new IllegalStateException("the server is stopping; no new build starts");
    }
    if (running != null) {
      return new Start(kept.get(lastNumber), false);
    }
    Snapshot snapshot = snapshots.current();
    BuildStatus status = BuildStatus.started(++lastNumber, snapshot.version());
    if (snapshot.hasErrors()) {
      // Refused before anything is read, as Build.run would: the answer says why at once.
      BuildStatus refused = status.failed(snapshot.diagnostics(), Optional.empty());
      update(refused, true);
      return new Start(refused, true);
    }
    update(status, true);
    running = new Thread(() -> run(status, snapshot), "packer-build-" + status.number());
    running.setDaemon(true);
    running.start();
    return new Start(status, true);
  }

  /** The latest build, running or finished. */
  public synchronized Optional<BuildStatus> last() {
    return lastNumber == 0 ? Optional.empty() : Optional.of(kept.get(lastNumber));
  }

  /** Build {@code number}, if it is one of the last {@value #KEPT}. */
  public synchronized Optional<BuildStatus> get(long number) {
    return number < 1 || number > lastNumber ? Optional.empty() : Optional.ofNullable(kept.get((int) number));
  }

  private synchronized void update(BuildStatus status, boolean milestone) {
    kept.put(status.number(), status);
    while (kept.size() > KEPT) {
      kept.pollFirstEntry();
    }
    for (Listener listener : listeners) {
      listener.changed(status, milestone);
    }
  }

  private synchronized BuildStatus current(int number) {
    return kept.get(number);
  }

  private void run(BuildStatus started, Snapshot snapshot) {
    int number = started.number();
    long startNanos = System.nanoTime();
    AtomicInteger done = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "packer-build-" + number + "-worker");
      t.setDaemon(true);
      return t;
    });
    BuildProgress progress = new BuildProgress() {
      @Override
      public void planned(int assets) {
        stopIfClosing();
        update(current(number).planned(assets), false);
      }

      @Override
      public void assetDone() {
        stopIfClosing();
        synchronized (BuildRunner.this) {
          update(current(number).progressed(done.incrementAndGet()), false);
        }
      }
    };
    BuildStatus end;
    try {
      BuildResult result = new Build(processors, workers, packerVersion).withProgress(progress)
          .run(root, snapshot, Build.outputOf(root, snapshot));
      long millis = (System.nanoTime() - startNanos) / 1_000_000;
      end = current(number).succeeded(new BuildStatus.Result(relative(result.pack()), result.bytesOut(),
          result.sha256(), result.entries().size(), result.processed(), result.cacheHits(), result.rewritten(),
          millis));
    } catch (BuildFailedException e) {
      end = current(number).failed(e.diagnostics(), e.isConflict()
          ? Optional.of("inputs changed while the build read them; run it again (the previous pack is untouched)")
          : Optional.empty());
    } catch (Stopped e) {
      end = current(number).failed(List.of(),
          Optional.of("the server stopped before the build finished; the previous pack is untouched"));
    } catch (IOException e) {
      end = current(number).failed(List.of(), Optional.of(describe(e) + " (the previous pack is untouched)"));
    } catch (RuntimeException | Error e) {
      end = current(number).failed(List.of(), Optional.of("internal error: " + oneLine(String.valueOf(e))));
    } finally {
      workers.shutdownNow();
    }
    synchronized (this) {
      running = null;
      update(end, true);
    }
  }

  private void stopIfClosing() {
    if (closing) {
      throw new Stopped();
    }
  }

  /** Thrown from the progress callback to end a build at the next asset when the server stops. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super("the server is stopping", null, false, false);
    }
  }

  private String relative(Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  /** One line naming what failed, with paths inside the workspace made relative. */
  private String describe(IOException e) {
    String what = e instanceof NoSuchFileException ? "no such file: "
        : e instanceof AccessDeniedException ? "access denied: "
        : "";
    String message = what + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    String prefix = root.toString() + java.io.File.separator;
    return "the build failed: " + oneLine(message.replace(prefix, ""));
  }

  private static String oneLine(String text) {
    return text.split("\\R", 2)[0];
  }

  /**
   * Ends a running build at its next asset (before anything is written, so the previous pack
   * stays) or lets it finish writing, and waits for it.
   */
  @Override
  public void close() {
    Thread thread;
    synchronized (this) {
      closing = true;
      thread = running;
    }
    if (thread == null) {
      return;
    }
    try {
      thread.join(CLOSE_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The version {@code packer build} records in the manifest, from the packer jar's resources. */
  static String packerVersion() {
    Properties properties = new Properties();
    try (InputStream in = BuildRunner.class.getResourceAsStream("/packer-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }
}
