package packer.lane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.random.RandomGenerator;
import packer.declaration.AssetTypes;
import packer.declaration.DeclarationReader;
import packer.journal.IntentJournal;
import packer.journal.Transaction;
import packer.scan.FolderScanner;
import packer.scan.WorkspaceScanner;
import packer.snapshot.Snapshot;
import packer.snapshot.SnapshotPublisher;
import packer.snapshot.WorkspaceState;

/**
 * The single writer of a workspace.
 *
 * <p>Every change to the registry or an {@code asset.json} is a {@link Command} submitted here.
 * One thread takes commands in arrival order and handles them in <em>group commits</em>: it plans
 * as many queued commands as it can against a working copy of the state (each checked completely
 * before it adds any operation), writes all their operations through one intent-journal
 * transaction, and only when that transaction is durable publishes the next snapshot and
 * acknowledges each caller. A command rejected in planning fails alone; an I/O failure fails the
 * whole group, after which the lane recovers the journal and reads the workspace again, so its
 * view never drifts from the disk.
 *
 * <p>Readers never wait for the lane: they read the published snapshot, which the lane replaces
 * with one atomic swap. Across processes the lane is guarded by the workspace lock, which its
 * owner holds for as long as the lane is open.
 */
public final class Lane implements AutoCloseable {

  /** How many commands one group commit takes at most. */
  static final int MAX_BATCH = 256;

  /** How long the lane waits for one more command to join a group, and for all of them. */
  private static final long LINGER_NANOS = 200_000;
  private static final long MAX_LINGER_NANOS = 2_000_000;

  private final Path root;
  private final IntentJournal journal;
  private final SnapshotPublisher publisher;
  private final FolderScanner folderScanner;
  private final AssetTypes types;
  private final RandomGenerator random;
  private final Rescan rescan;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;
  private volatile IOException broken;
  private volatile Error dead;

  /** Queued by {@link #close()} so an idle writer stops at once, not at the end of its poll. */
  private static final Pending WAKE_UP = new Pending(null, OptionalLong.empty(), new CompletableFuture<>(), null);

  /** Reads the whole workspace again, after a failure left the lane unsure of the disk. */
  public interface Rescan {
    WorkspaceState read() throws IOException;
  }

  /**
   * Work that reads the disk rather than writing it: what authors changed by hand since the
   * current snapshot. The lane runs it alone, between group commits, so it never sees half a
   * commit of its own, and publishes what it returns.
   */
  public interface Reconciliation {
    /**
     * The snapshot after {@code base} as the disk now is, numbered {@code version}; empty when
     * nothing changed (no empty versions).
     *
     * @param folders reads one asset folder
     * @param rescan reads the whole workspace
     */
    Optional<Snapshot> next(Snapshot base, long version, FolderScanner folders, Rescan rescan)
        throws IOException;
  }

  public Lane(Path root, IntentJournal journal, SnapshotPublisher publisher, FolderScanner folderScanner,
      AssetTypes types, RandomGenerator random, Rescan rescan) {
    this.root = root;
    this.journal = journal;
    this.publisher = publisher;
    this.folderScanner = folderScanner;
    this.types = types;
    this.random = random;
    this.rescan = rescan;
    this.writer = new Thread(this::run, "packer-lane");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Submits a command; the future completes once it is durable and published, or was refused. */
  public CompletableFuture<Receipt> submit(Command command) {
    return submit(command, OptionalLong.empty());
  }

  /**
   * Submits a command that only applies if the current snapshot is still {@code expectedVersion}:
   * otherwise it fails with a {@link CommandRejected.Reason#CONFLICT} naming the current version.
   */
  public CompletableFuture<Receipt> submit(Command command, OptionalLong expectedVersion) {
    CompletableFuture<Receipt> result = new CompletableFuture<>();
    if (closed || dead != null) {
      result.completeExceptionally(dead != null ? dead : new IllegalStateException("the lane is closed"));
      return result;
    }
    queue.add(new Pending(command, expectedVersion, result, null));
    return result;
  }

  /**
   * Runs {@code reconciliation} on the writer thread and publishes the snapshot it derives, if
   * any. The future completes with the snapshot current after it: the new one, or the unchanged
   * one when the disk held nothing new.
   */
  public CompletableFuture<Snapshot> reconcile(Reconciliation reconciliation) {
    CompletableFuture<Snapshot> done = new CompletableFuture<>();
    if (closed || dead != null) {
      done.completeExceptionally(dead != null ? dead : new IllegalStateException("the lane is closed"));
      return done;
    }
    CompletableFuture<Receipt> ignored = new CompletableFuture<>();
    queue.add(new Pending(null, OptionalLong.empty(), ignored, new Reconcile(reconciliation, done)));
    return done;
  }

  public Snapshot snapshot() {
    return publisher.current();
  }

  private void run() {
    Deque<Pending> carried = new ArrayDeque<>();
    while (!closed || !queue.isEmpty() || !carried.isEmpty()) {
      try {
        if (carried.isEmpty()) {
          Pending first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
          if (first == null || first == WAKE_UP) {
            continue;
          }
          carried.add(first);
        }
        if (carried.peek().reconcile() != null) {
          reconcile(carried.poll().reconcile());
          continue;
        }
        gather(carried);
        commitGroup(carried);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        failAll(carried, e);
      } catch (Error fatal) {
        // The process is going down (or a test simulates a crash): nobody may wait forever.
        dead = fatal;
        failAll(carried, fatal);
        Deque<Pending> left = new ArrayDeque<>(queue);
        queue.clear();
        failAll(left, fatal);
        throw fatal;
      }
    }
    failAll(carried, new IllegalStateException("the lane is closed"));
  }

  /**
   * Takes everything queued, up to a group's bound, and lingers while more keeps coming: callers
   * acknowledged by the last commit are submitting again, and joining this group spares them a
   * round of forces of their own. A lone command waits {@link #LINGER_NANOS} at most.
   */
  private void gather(Deque<Pending> carried) throws InterruptedException {
    long deadline = System.nanoTime() + MAX_LINGER_NANOS;
    while (true) {
      List<Pending> drained = new ArrayList<>();
      queue.drainTo(drained, MAX_BATCH);
      boolean closing = drained.removeIf(pending -> pending == WAKE_UP);
      carried.addAll(drained);
      if (closing || carried.size() >= MAX_BATCH || System.nanoTime() >= deadline) {
        return;
      }
      Pending next = queue.poll(LINGER_NANOS, java.util.concurrent.TimeUnit.NANOSECONDS);
      if (next == null || next == WAKE_UP) {
        return;
      }
      carried.add(next);
    }
  }

  /** Plans and commits as many of {@code waiting} as fit one group; leaves the rest in it. */
  private void commitGroup(Deque<Pending> waiting) {
    if (broken != null) {
      failAll(waiting, broken);
      return;
    }
    Snapshot base = publisher.current();
    Transaction tx = journal.begin();
    BatchPlanner planner = new BatchPlanner(root, folderScanner, types, random, base, tx);
    List<Pending> accepted = new ArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    while (!waiting.isEmpty() && accepted.size() < MAX_BATCH) {
      Pending next = waiting.peek();
      boolean expectsVersion = next.expectedVersion().isPresent();
      if (next.reconcile() != null) {
        break; // It reads the disk once this group is on it.
      }
      if (!planner.isEmpty() && (planner.touches(next.command()) || expectsVersion)) {
        break; // It needs to see this group's effects: it goes first in the next group.
      }
      waiting.poll();
      if (expectsVersion && next.expectedVersion().getAsLong() != base.version()) {
        next.result().completeExceptionally(new CommandRejected(CommandRejected.Reason.CONFLICT,
            "the workspace changed: you read version " + next.expectedVersion().getAsLong()
                + ", the current version is " + base.version() + "; read it again and retry",
            OptionalLong.of(base.version())));
        continue;
      }
      try {
        receipts.add(next.command().accept(planner));
        accepted.add(next);
      } catch (CommandRejected rejected) {
        next.result().completeExceptionally(rejected);
      } catch (IOException | RuntimeException e) {
        next.result().completeExceptionally(e);
      } catch (Error fatal) {
        next.result().completeExceptionally(fatal);
        for (Pending pending : accepted) {
          pending.result().completeExceptionally(fatal);
        }
        throw fatal;
      }
    }
    if (accepted.isEmpty()) {
      return;
    }
    try {
      tx.commit();
      WorkspaceState state = planner.state();
      for (String folder : planner.rescans()) {
        if (Files.isRegularFile(root.resolve(folder).resolve(DeclarationReader.FILE_NAME))) {
          state = state.withFolder(folderScanner.scan(folder, WorkspaceScanner.filesOf(root, folder)));
        }
      }
      publisher.publish(base.next(base.version() + 1, state, planner.changedFolders(), planner.changedIds()));
      for (int i = 0; i < accepted.size(); i++) {
        accepted.get(i).result().complete(receipts.get(i));
      }
    } catch (IOException | RuntimeException e) {
      for (Pending pending : accepted) {
        pending.result().completeExceptionally(e);
      }
      resynchronize(base);
    } catch (Error fatal) {
      for (Pending pending : accepted) {
        pending.result().completeExceptionally(fatal);
      }
      throw fatal;
    }
  }

  private void reconcile(Reconcile task) {
    if (broken != null) {
      task.done().completeExceptionally(broken);
      return;
    }
    Snapshot base = publisher.current();
    try {
      Optional<Snapshot> next = task.reconciliation().next(base, base.version() + 1, folderScanner, rescan);
      if (next.isPresent()) {
        publisher.publish(next.get());
      }
      task.done().complete(publisher.current());
    } catch (IOException | RuntimeException e) {
      task.done().completeExceptionally(e);
    } catch (Error fatal) {
      task.done().completeExceptionally(fatal);
      throw fatal;
    }
  }

  /** After a failed commit: finish or undo it on disk, and read the workspace again. */
  private void resynchronize(Snapshot base) {
    try {
      journal.recover();
      publisher.publish(Snapshot.of(base.version() + 1, rescan.read()));
    } catch (IOException | RuntimeException e) {
      broken = new IOException("the workspace could not be recovered after a failed write ("
          + e.getMessage() + "); close packer and open the workspace again to run recovery", e);
    }
  }

  private static void failAll(Deque<Pending> waiting, Throwable cause) {
    Pending pending;
    while ((pending = waiting.poll()) != null) {
      pending.result().completeExceptionally(cause);
      if (pending.reconcile() != null) {
        pending.reconcile().done().completeExceptionally(cause);
      }
    }
  }

  /** Stops taking commands, finishes the queued ones, and stops the writer thread. */
  @Override
  public void close() {
    closed = true;
    queue.add(WAKE_UP);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Deque<Pending> left = new ArrayDeque<>(queue);
    queue.clear();
    left.removeIf(pending -> pending == WAKE_UP);
    failAll(left, new IllegalStateException("the lane is closed"));
  }

  /** A command, or (when {@code reconcile} is set) a reconciliation. */
  private record Pending(Command command, OptionalLong expectedVersion, CompletableFuture<Receipt> result,
      Reconcile reconcile) {}

  private record Reconcile(Reconciliation reconciliation, CompletableFuture<Snapshot> done) {}
}
