package packer.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import packer.lane.Command;
import packer.lane.CommandRejected;
import packer.path.PathOrder;
import packer.path.WorkspacePath;
import packer.relocation.AssetMemory;
import packer.relocation.Pairing;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;
import packer.workspace.Workspace;

/**
 * Keeps a workspace open for writing in step with what authors do on disk: editing inputs,
 * saving {@code asset.json} (atomic saves included), adding, moving and deleting folders, pulling
 * registry changes.
 *
 * <p>File system events are hints, never facts. The watcher maps each to a workspace path,
 * gathers them until the disk has been quiet for a moment (or for at most {@link
 * Options#maxDelay} after the first), and hands one {@link Reconciler} to the workspace's lane,
 * which reads the hinted folders again and publishes a snapshot only if something changed. An
 * overflow or an error of the event source asks for a full read instead. After a reconciliation,
 * a missing asset that uniquely matches a new unregistered folder (as {@code packer doctor --fix}
 * decides) is relocated there through the lane, so a folder moved in a file manager keeps its id;
 * an ambiguous match is left for a person.
 *
 * <pre>{@code
 * try (Workspace workspace = Workspace.openForWriting(dir, Options.defaults(), "my editor");
 *     WorkspaceWatcher watcher = WorkspaceWatcher.start(workspace)) {
 *   workspace.snapshots().subscribe(snapshot -> ...);
 * }
 * }</pre>
 */
public final class WorkspaceWatcher implements AutoCloseable {

  /**
   * @param quiet how long the disk must be quiet before a reconciliation
   * @param maxDelay how long after the first event a reconciliation starts at the latest, however
   *     busy the disk
   * @param problems told of a reconciliation that failed (it is retried as a full read)
   */
  public record Options(Duration quiet, Duration maxDelay, Consumer<Exception> problems) {
    public static Options defaults() {
      return new Options(Duration.ofMillis(150), Duration.ofMillis(500), problem -> {});
    }

    public Options withProblems(Consumer<Exception> consumer) {
      return new Options(quiet, maxDelay, consumer);
    }
  }

  /** How long after a failed reconciliation the watcher tries again, as a full read. */
  private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();

  private final Workspace workspace;
  private final Path root;
  private final Options options;
  private final EventSource source;
  private final Thread worker;
  private final AutoCloseable subscription;
  private final Object lock = new Object();
  private final Set<String> hints = new TreeSet<>(PathOrder.COMPARATOR);
  private boolean full;
  private long firstNanos;
  private long lastNanos;
  private boolean memoryStale;
  private long memoryFirstNanos;
  private long memoryLastNanos;
  private volatile boolean closed;
  private volatile Thread backgroundStart;

  private WorkspaceWatcher(Workspace workspace, Options options, EventSource source) {
    this.workspace = workspace;
    this.root = workspace.root();
    this.options = options;
    this.source = source;
    this.subscription = workspace.snapshots().subscribe(snapshot -> {
      synchronized (lock) {
        long now = System.nanoTime();
        if (!memoryStale) {
          memoryFirstNanos = now;
        }
        memoryLastNanos = now;
        memoryStale = true;
        lock.notifyAll();
      }
    });
    this.worker = new Thread(this::run, "packer-watch");
    this.worker.setDaemon(true);
  }

  /** Starts watching {@code workspace}, which must be open for writing, with the default options. */
  public static WorkspaceWatcher start(Workspace workspace) throws IOException {
    return start(workspace, Options.defaults());
  }

  /**
   * Starts watching {@code workspace}. Returns once every change from now on will be seen, and
   * once what changed since the workspace was read (before the watch began) is in its snapshot.
   */
  public static WorkspaceWatcher start(Workspace workspace, Options options) throws IOException {
    Path root = workspace.root();
    return start(workspace, options, new DirectorySource(root, path -> ignored(workspace, path)));
  }

  static WorkspaceWatcher start(Workspace workspace, Options options, EventSource source) throws IOException {
    if (!workspace.isWritable()) {
      throw new IllegalStateException("watching needs the workspace open for writing");
    }
    WorkspaceWatcher watcher = new WorkspaceWatcher(workspace, options, source);
    try {
      source.start(watcher.new Sink());
      // What changed between the workspace's read and the start of the watch has no event.
      watcher.reconcile(Set.of(), true);
      watcher.worker.start();
      return watcher;
    } catch (IOException | RuntimeException | Error e) {
      watcher.close();
      throw e;
    }
  }

  /**
   * Starts watching {@code workspace} on a thread of its own and returns at once: on a large
   * workspace, registering and hashing the tree takes seconds, which a server or a first build
   * need not wait for. Changes made meanwhile are found by the full read that follows; a failure
   * to start goes to {@link Options#problems}.
   */
  public static WorkspaceWatcher startInBackground(Workspace workspace, Options options) {
    if (!workspace.isWritable()) {
      throw new IllegalStateException("watching needs the workspace open for writing");
    }
    Path root = workspace.root();
    WorkspaceWatcher watcher =
        new WorkspaceWatcher(workspace, options, new DirectorySource(root, path -> ignored(workspace, path)));
    Thread starter = new Thread(() -> {
      try {
        watcher.source.start(watcher.new Sink());
        if (!watcher.closed) {
          watcher.reconcile(Set.of(), true);
        }
      } catch (IOException | RuntimeException e) {
        if (!watcher.closed) {
          options.problems().accept(e);
        }
        return;
      }
      watcher.run();
    }, "packer-watch");
    starter.setDaemon(true);
    watcher.backgroundStart = starter;
    starter.start();
    return watcher;
  }

  /** Where no change matters: local state, the build output, hidden files (which the scan skips too). */
  private static boolean ignored(Workspace workspace, Path path) {
    String relative = relative(workspace.root(), path);
    if (relative == null) {
      return true;
    }
    if (relative.isEmpty()) {
      return false;
    }
    for (String segment : relative.split("/")) {
      if (segment.startsWith(".")) {
        return true;
      }
    }
    return WorkspacePath.isWithin(relative, workspace.snapshot().state().config().output());
  }

  /** {@code path} relative to {@code root} with "/" (not normalized: NFC is the reconciler's to judge); null outside. */
  private static String relative(Path root, Path path) {
    if (!path.startsWith(root)) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (Path segment : root.relativize(path)) {
      String name = segment.toString();
      if (name.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(name);
    }
    return out.toString();
  }

  private final class Sink implements EventSource.Sink {
    @Override
    public void changed(Path path) {
      if (ignored(workspace, path)) {
        return;
      }
      String hint = relative(root, path);
      if (!Normalizer.isNormalized(hint, Normalizer.Form.NFC)) {
        overflow(); // The scan reports such a name: let the full read find it.
        return;
      }
      add(hint, false);
    }

    @Override
    public void overflow() {
      add(null, true);
    }

    @Override
    public void failed(Exception cause) {
      add(null, true);
    }
  }

  private void add(String hint, boolean fullRead) {
    synchronized (lock) {
      long now = System.nanoTime();
      if (hints.isEmpty() && !full) {
        firstNanos = now;
      }
      lastNanos = now;
      if (hint != null) {
        hints.add(hint);
      }
      full |= fullRead;
      lock.notifyAll();
    }
  }

  private void run() {
    long quiet = options.quiet().toNanos();
    long maxDelay = options.maxDelay().toNanos();
    while (!closed) {
      Set<String> batch;
      boolean fullRead;
      boolean refreshMemory;
      synchronized (lock) {
        try {
          // The memory is refreshed once snapshots pause, as the disk is reconciled once it is quiet:
          // each refresh goes through every asset, too much to do for each of many commits a second.
          while (!closed && hints.isEmpty() && !full) {
            if (!memoryStale) {
              lock.wait();
              continue;
            }
            long now = System.nanoTime();
            long due = Math.min(memoryLastNanos + quiet, memoryFirstNanos + maxDelay);
            if (now >= due) {
              break;
            }
            TimeUnit.NANOSECONDS.timedWait(lock, due - now);
          }
          // Debounce: until quiet for a moment, or the first event waited long enough.
          while (!closed && (!hints.isEmpty() || full)) {
            long now = System.nanoTime();
            long due = Math.min(lastNanos + quiet, firstNanos + maxDelay);
            if (now >= due) {
              break;
            }
            TimeUnit.NANOSECONDS.timedWait(lock, due - now);
          }
        } catch (InterruptedException e) {
          return;
        }
        if (closed) {
          return;
        }
        batch = new TreeSet<>(hints);
        fullRead = full;
        hints.clear();
        full = false;
        refreshMemory = memoryStale && batch.isEmpty() && !fullRead;
      }
      if (refreshMemory) {
        rememberAssets();
        continue;
      }
      try {
        Snapshot before = workspace.snapshot();
        Snapshot after = reconcile(batch, fullRead);
        if (after.version() != before.version()) {
          relocateMoved(after);
        }
      } catch (RuntimeException | IOException e) {
        if (closed) {
          return;
        }
        options.problems().accept(e);
        retryLater();
      }
    }
  }

  /** Has the lane reconcile the disk with its snapshot; returns the snapshot current after. */
  private Snapshot reconcile(Set<String> batch, boolean fullRead) throws IOException {
    try {
      return workspace.reconcile(new Reconciler(root, batch, fullRead)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  private void retryLater() {
    synchronized (lock) {
      try {
        TimeUnit.NANOSECONDS.timedWait(lock, RETRY_NANOS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    add(null, true);
  }

  /**
   * Relocates each missing asset that uniquely matches an unregistered folder: a folder moved
   * outside packer keeps its id. Ambiguous ones stay in the diagnostics for a person.
   */
  private void relocateMoved(Snapshot snapshot) throws IOException {
    boolean missing = false;
    boolean unregistered = false;
    for (Asset asset : snapshot.assets()) {
      missing |= asset.state() == AssetState.MISSING;
      unregistered |= asset.id().isEmpty() && asset.declaration().isPresent();
    }
    if (!missing || !unregistered) {
      return;
    }
    AssetMemory memory = workspace.memory();
    Pairing.Result pairs;
    synchronized (memory) {
      pairs = Pairing.pair(snapshot, memory);
    }
    List<CompletableFuture<?>> relocations = new ArrayList<>();
    for (Pairing.Match match : pairs.matches()) {
      relocations.add(workspace.submit(new Command.Relocate(match.id(), match.folder()), OptionalLong.empty()));
    }
    for (CompletableFuture<?> relocation : relocations) {
      try {
        relocation.join();
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof CommandRejected)) {
          throw e;
        }
        // The disk moved on meanwhile: the next reconciliation pairs again.
      }
    }
  }

  /** Keeps the local memory of assets current, so one moved later is recognized. */
  private void rememberAssets() {
    synchronized (lock) {
      memoryStale = false;
    }
    AssetMemory memory = workspace.memory();
    try {
      synchronized (memory) {
        memory.refresh(workspace.snapshot());
      }
    } catch (IOException | RuntimeException e) {
      // A convenience: an asset changed since is then matched by name and type only.
    }
  }

  /** Stops watching: no reconciliation starts after this returns. */
  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    try {
      source.close();
    } catch (IOException | RuntimeException e) {
      // Closing: nothing left to tell.
    }
    try {
      subscription.close();
    } catch (Exception e) {
      // A list removal.
    }
    for (Thread thread : new Thread[] {worker, backgroundStart}) {
      if (thread != null && thread.isAlive()) {
        thread.interrupt();
        try {
          thread.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
