package packer.lock;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import packer.fs.Disk;
import packer.fs.OsDisk;
import packer.id.AssetId;
import packer.lane.Command;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * A child JVM that writes a workspace, so tests can make real processes contend for its lock and
 * kill them with SIGKILL. It speaks on stdout, one flushed line per event, and stops when its stdin
 * closes (the test JVM ended or let it go) or when it is killed.
 *
 * <pre>
 * WriterProcess hold ROOT PURPOSE                 open for writing, print HOLDING, wait
 * WriterProcess hold-sealed ROOT PURPOSE ID NAME  open for writing, rename ID to NAME and freeze
 *                                                 right after the commit point, print SEALED, wait
 * WriterProcess rename-loop ROOT ID PREFIX        rename ID to PREFIX-1, PREFIX-2... printing each
 *                                                 name once execute has acknowledged it
 * WriterProcess read-then-hold ROOT PURPOSE       open for writing, then read the workspace every
 *                                                 way packer does (never the lock file), print
 *                                                 HOLDING, wait
 * WriterProcess read-lock-file-then-hold ROOT PURPOSE
 *                                                 as read-then-hold, but also read .packer/lock,
 *                                                 which packer never does
 * WriterProcess try-write ROOT PURPOSE            try to open for writing once; print OPENED or
 *                                                 REFUSED followed by the message, and exit
 * </pre>
 */
public final class WriterProcess {

  /** A loop that outlives its test JVM stops on its own after this long. */
  private static final Duration LOOP_LIMIT = Duration.ofSeconds(60);

  private static final PrintStream OUT = System.out;

  private WriterProcess() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path root = Path.of(args[1]);
    switch (mode) {
      case "hold":
        hold(root, args[2]);
        break;
      case "hold-sealed":
        holdSealed(root, args[2], AssetId.parse(args[3]), args[4]);
        break;
      case "rename-loop":
        renameLoop(root, AssetId.parse(args[2]), args[3]);
        break;
      case "read-then-hold":
        readThenHold(root, args[2], false);
        break;
      case "read-lock-file-then-hold":
        readThenHold(root, args[2], true);
        break;
      case "try-write":
        tryWrite(root, args[2]);
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  private static void hold(Path root, String purpose) throws Exception {
    try (Workspace workspace = Workspace.openForWriting(root, Options.defaults(), purpose)) {
      say("HOLDING");
      awaitStdinClosed();
    }
  }

  private static void holdSealed(Path root, String purpose, AssetId id, String name) throws Exception {
    FreezeAfterSeal disk = new FreezeAfterSeal(new OsDisk());
    Workspace workspace = Workspace.openForWriting(root, Options.defaults().withDisk(disk), purpose);
    workspace.submit(new Command.Rename(id, name), OptionalLong.empty());
    disk.sealed.await();
    say("SEALED");
    awaitStdinClosed();
    // The lane thread is frozen inside the commit; closing would wait for it forever.
    Runtime.getRuntime().halt(0);
  }

  private static void renameLoop(Path root, AssetId id, String prefix) throws Exception {
    Thread stdinWatch = new Thread(WriterProcess::awaitStdinClosedQuietly, "stdin-watch");
    stdinWatch.setDaemon(true);
    stdinWatch.start();
    Instant deadline = Instant.now().plus(LOOP_LIMIT);
    try (Workspace workspace = Workspace.openForWriting(root, Options.defaults(), "rename loop")) {
      for (long n = 1; stdinWatch.isAlive() && Instant.now().isBefore(deadline); n++) {
        String name = prefix + "-" + n;
        workspace.execute(new Command.Rename(id, name));
        say(name);
        if (OUT.checkError()) {
          break; // Nobody listens any more.
        }
      }
    }
  }

  private static void readThenHold(Path root, String purpose, boolean alsoTheLockFile) throws Exception {
    try (Workspace writer = Workspace.openForWriting(root, Options.defaults(), purpose)) {
      long reads = 0;
      for (int round = 0; round < 3; round++) {
        try (Workspace reader = Workspace.openForReading(root, Options.defaults())) {
          reads += reader.snapshot().assets().size();
        }
        try (Workspace reader = Workspace.openForReading(root.resolve("assets"), Options.defaults())) {
          reads += reader.snapshot().assets().size();
        }
        reads += WorkspaceLock.describeOwner(root).length();
        reads += readEveryFile(root, alsoTheLockFile);
      }
      say("HOLDING " + reads);
      awaitStdinClosed();
    }
  }

  private static void tryWrite(Path root, String purpose) throws Exception {
    try (Workspace workspace = Workspace.openForWriting(root, Options.defaults(), purpose)) {
      say("OPENED");
    } catch (WorkspaceLockedException refused) {
      say("REFUSED " + refused.getMessage());
    }
  }

  /** Reads every file under {@code root} whole; returns how many bytes it read. */
  private static long readEveryFile(Path root, boolean alsoTheLockFile) throws IOException {
    Path lockFile = root.resolve(WorkspaceLock.LOCK_FILE);
    long[] bytes = {0};
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile() && (alsoTheLockFile || !file.equals(lockFile))) {
          bytes[0] += Files.readAllBytes(file).length;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return bytes[0];
  }

  private static void say(String line) {
    OUT.println(line);
    OUT.flush();
  }

  private static void awaitStdinClosed() throws IOException {
    InputStream in = System.in;
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // Only the end of the stream matters.
    }
  }

  private static void awaitStdinClosedQuietly() {
    try {
      awaitStdinClosed();
    } catch (IOException e) {
      // A broken stdin means the same as a closed one.
    }
  }

  /** The real disk, except that it freezes the committing thread just after the commit point. */
  private static final class FreezeAfterSeal implements Disk {
    private final Disk delegate;
    private final CountDownLatch sealed = new CountDownLatch(1);
    private volatile boolean recordMoved; // Written or moved in: the next folder sync seals it.

    FreezeAfterSeal(Disk delegate) {
      this.delegate = delegate;
    }

    @Override
    public void write(Path file, byte[] content) throws IOException {
      delegate.write(file, content);
      if (file.getFileName().toString().endsWith(".intent")) {
        recordMoved = true;
      }
    }

    @Override
    public void copy(Path source, Path target) throws IOException {
      delegate.copy(source, target);
    }

    @Override
    public void move(Path source, Path target) throws IOException {
      delegate.move(source, target);
      if (target.getFileName().toString().endsWith(".intent")) {
        recordMoved = true;
      }
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
      delegate.syncDirectory(dir);
      if (recordMoved) {
        sealed.countDown();
        freeze();
      }
    }

    private static void freeze() {
      CountDownLatch never = new CountDownLatch(1);
      while (true) {
        try {
          never.await();
        } catch (InterruptedException e) {
          // Stay frozen: only SIGKILL ends this commit.
        }
      }
    }
  }
}
