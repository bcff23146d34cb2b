package packer.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import packer.declaration.DeclarationReader;
import packer.journal.IntentJournal;
import packer.lane.Command;
import packer.lane.CommandRejected;
import packer.lane.Lane;
import packer.lane.Receipt;
import packer.lock.WorkspaceLock;
import packer.lock.WorkspaceLockedException;
import packer.registry.Registry;
import packer.relocation.AssetMemory;
import packer.snapshot.Snapshot;
import packer.snapshot.SnapshotPublisher;

/**
 * An open packer workspace: the composition root that wires registry, scanner, journal, lane and
 * snapshots together. The CLI, the server and editors all use it.
 *
 * <pre>{@code
 * try (Workspace workspace = Workspace.openForWriting(Path.of("mygame"), Options.defaults(), "my tool")) {
 *   Snapshot snapshot = workspace.snapshot();
 *   Asset hero = snapshot.byName("hero").get(0);
 *   workspace.execute(new Command.Rename(hero.id().orElseThrow(), "hero-old"));
 * }
 * }</pre>
 */
public final class Workspace implements AutoCloseable {

  public static final String LOCAL_FOLDER = ".packer";
  private static final int MAX_READ_ATTEMPTS = 200;

  private final Path root;
  private final SnapshotPublisher publisher;
  private final Lane lane;
  private final WorkspaceLock lock;
  private final List<String> recoveryEvents;
  private final AssetMemory memory;

  private Workspace(Path root, SnapshotPublisher publisher, Lane lane, WorkspaceLock lock, List<String> recovered) {
    this(root, publisher, lane, lock, recovered, AssetMemory.load(root));
  }

  private Workspace(Path root, SnapshotPublisher publisher, Lane lane, WorkspaceLock lock, List<String> recovered,
      AssetMemory memory) {
    this.root = root;
    this.publisher = publisher;
    this.lane = lane;
    this.lock = lock;
    this.recoveryEvents = List.copyOf(recovered);
    this.memory = memory;
    rememberAssets();
    if (!recovered.isEmpty()) {
      RecoveryLog.append(root, recovered);
    }
  }

  /**
   * Local memory of registered assets (name, type, content digest), which recognizes an asset
   * moved outside packer. Refreshed on open and on close.
   */
  public AssetMemory memory() {
    return memory;
  }

  private void rememberAssets() {
    try {
      memory.refresh(publisher.current());
    } catch (IOException | RuntimeException e) {
      // Local memory is a convenience; a workspace that cannot keep it still works.
    }
  }

  /**
   * The workspace holding {@code start}: the nearest folder at or above it with a packer.json, as
   * its real path (symlinks resolved).
   */
  public static Path findRoot(Path start) throws NotAWorkspaceException {
    Path absolute = start.toAbsolutePath().normalize();
    for (Path dir = absolute; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(WorkspaceConfig.FILE_NAME))) {
        return realPathOf(dir);
      }
    }
    throw new NotAWorkspaceException(absolute);
  }

  // The scanner walks from the root without following links (links inside a workspace must not
  // lead out of it), so a root reached through a symlink would be walked as a single file and
  // every asset would look missing. One real path per workspace, as the lock already uses.
  private static Path realPathOf(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir; // Gone since we looked; reading it will report that with its path.
    }
  }

  /**
   * Creates a workspace in {@code dir} (made if absent): packer.json, an empty registry, and the
   * local state folder with its own .gitignore.
   */
  public static Path init(Path dir, String name) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    if (Files.exists(root.resolve(WorkspaceConfig.FILE_NAME))) {
      throw new java.nio.file.FileAlreadyExistsException(root.resolve(WorkspaceConfig.FILE_NAME).toString(),
          null, "a workspace already exists here");
    }
    Files.createDirectories(root.resolve(Registry.FOLDER));
    Files.createDirectories(root.resolve(LOCAL_FOLDER));
    Files.write(root.resolve(LOCAL_FOLDER).resolve(".gitignore"),
        "# Local state of packer: caches, journal, lock. Never commit it (but keep this file).\n*\n!.gitignore\n".getBytes(StandardCharsets.UTF_8));
    Files.write(root.resolve(Registry.FOLDER).resolve(".gitkeep"), new byte[0]);
    Files.write(root.resolve(WorkspaceConfig.FILE_NAME), WorkspaceConfig.defaults(name).toJson());
    return root;
  }

  /**
   * Opens the workspace to read: one snapshot, no lane. Never takes the lock while another process
   * writes; if a crashed writer left the journal unfinished, recovers it first (taking the lock
   * briefly), and if a commit began or ended while it read, reads again, so the snapshot never
   * shows half a commit.
   */
  public static Workspace openForReading(Path start, Options options)
      throws IOException, NotAWorkspaceException {
    Path root = findRoot(start);
    StateReader reader = new StateReader(root, new DeclarationReader(options.types()), options.types());
    IntentJournal journal = new IntentJournal(options.disk(), root);
    List<String> recovered = List.of();
    for (int attempt = 0; ; attempt++) {
      if (journal.isBusy()) {
        try (WorkspaceLock lock = WorkspaceLock.acquire(root, "packer (recovering)")) {
          recovered = journal.recover();
        } catch (WorkspaceLockedException busy) {
          // A live writer is mid-commit: read once it is done.
        }
      }
      String before = journal.watermark();
      var state = reader.read();
      boolean quiet = before.equals(journal.watermark()) && !journal.isBusy();
      if (quiet || attempt >= MAX_READ_ATTEMPTS) {
        // Independent of each other: the local memory loads while the snapshot's indexes are built.
        CompletableFuture<AssetMemory> memory = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
          try {
            memory.complete(AssetMemory.load(root));
          } catch (RuntimeException | Error e) {
            memory.completeExceptionally(e);
          }
        }, "packer memory loader");
        loader.setDaemon(true);
        loader.start();
        SnapshotPublisher snapshots = new SnapshotPublisher(Snapshot.of(1, state));
        return new Workspace(root, snapshots, null, null, recovered, StateReader.joinUnchecked(memory));
      }
      sleepBriefly(attempt);
    }
  }

  /**
   * Opens the workspace to write: takes the lock (or fails naming its holder), recovers the
   * journal, reads the workspace and starts the lane.
   *
   * @param purpose shown to other processes that find the workspace busy
   */
  public static Workspace openForWriting(Path start, Options options, String purpose)
      throws IOException, NotAWorkspaceException, WorkspaceLockedException {
    Path root = findRoot(start);
    WorkspaceLock lock = WorkspaceLock.acquire(root, purpose);
    try {
      IntentJournal journal = new IntentJournal(options.disk(), root);
      List<String> recovered = journal.recover();
      DeclarationReader declarations = new DeclarationReader(options.types());
      StateReader reader = new StateReader(root, declarations, options.types());
      SnapshotPublisher publisher = new SnapshotPublisher(Snapshot.of(1, reader.read()));
      Lane lane = new Lane(root, journal, publisher, reader.folderScanner(), options.types(), options.random(),
          reader::read);
      return new Workspace(root, publisher, lane, lock, recovered);
    } catch (IOException | RuntimeException | Error e) {
      // An Error too: a process that outlives it (an editor embedding packer) must not keep the
      // workspace locked against itself for good.
      lock.close();
      throw e;
    }
  }

  public Path root() {
    return root;
  }

  /** The current snapshot; take it once per read and use only that object. */
  public Snapshot snapshot() {
    return publisher.current();
  }

  public SnapshotPublisher snapshots() {
    return publisher;
  }

  /** What recovery did when this workspace was opened; empty when the journal was clean. */
  public List<String> recoveryEvents() {
    return recoveryEvents;
  }

  public boolean isWritable() {
    return lane != null;
  }

  public CompletableFuture<Receipt> submit(Command command, OptionalLong expectedVersion) {
    return writableLane().submit(command, expectedVersion);
  }

  /** Submits a command and waits until it is durable and published. */
  public Receipt execute(Command command) throws CommandRejected, IOException {
    try {
      return writableLane().submit(command).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CommandRejected rejected) {
        throw rejected;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  /**
   * Runs {@code reconciliation} in the lane, between commits, publishing what it finds changed on
   * disk; completes with the snapshot current after it.
   */
  public CompletableFuture<Snapshot> reconcile(Lane.Reconciliation reconciliation) {
    return writableLane().reconcile(reconciliation);
  }

  private Lane writableLane() {
    if (lane == null) {
      throw new IllegalStateException("this workspace was opened to read; open it for writing to submit commands");
    }
    return lane;
  }

  private static void sleepBriefly(int attempt) {
    try {
      Thread.sleep(Math.min(50, 1 + attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    if (lane != null) {
      lane.close();
      rememberAssets();
    }
    if (lock != null) {
      lock.close();
    }
  }
}
