package packer.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import io.methvin.watcher.hashing.FileHash;
import io.methvin.watcher.visitor.FileTreeVisitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.helpers.NOPLogger;
import packer.declaration.DeclarationReader;
import packer.scan.Sha256;

/**
 * The file system's change notifications, recursive, through {@code io.methvin:directory-watcher}
 * with file hashing (a write that leaves a file as it was is no event, see {@link #hash}). Folders
 * the watcher ignores are neither watched nor hashed.
 */
final class DirectorySource implements EventSource {

  /** JSON files up to this size (registry records, declarations) are hashed by content. */
  private static final long SMALL_FILE = 64 * 1024;

  private final Path root;
  private final Predicate<Path> ignored;
  private DirectoryWatcher watcher;
  private ExecutorService executor;
  private volatile boolean closed;

  /** @param ignored whether an absolute path lies where no change matters (local state, build output) */
  DirectorySource(Path root, Predicate<Path> ignored) {
    this.root = root;
    this.ignored = ignored;
  }

  @Override
  public synchronized void start(Sink sink) throws IOException {
    if (closed) {
      return;
    }
    watcher = DirectoryWatcher.builder()
        .path(root)
        .fileHasher(DirectorySource::hash)
        .fileTreeVisitor(this::visit)
        .logger(NOPLogger.NOP_LOGGER)
        .listener(new DirectoryChangeListener() {
          @Override
          public void onEvent(DirectoryChangeEvent event) {
            if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW) {
              sink.overflow();
            } else if (event.path() != null) {
              sink.changed(event.path());
            }
          }

          @Override
          public void onException(Exception cause) {
            sink.failed(cause);
          }
        })
        .build();
    executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "packer-watch-events");
      thread.setDaemon(true);
      return thread;
    });
    // Registers (and hashes) the tree on this thread, then reports events on the executor's.
    CompletableFuture<Void> watching = watcher.watchAsync(executor);
    if (watching.isCompletedExceptionally() && closed) {
      closeWatcher();
      return;
    }
    if (watching.isCompletedExceptionally()) {
      close();
      try {
        watching.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
        String message = String.valueOf(cause.getMessage());
        if (message.contains("inotify")) {
          // Linux allows a fixed number of watched folders per user (one watch per folder).
          message += "; raise it with: sudo sysctl fs.inotify.max_user_watches=524288"
              + " fs.inotify.max_user_instances=1024 (or run packer serve --no-watch)";
        }
        throw new IOException("cannot watch the workspace's files: " + message, cause);
      }
    }
    watching.whenComplete((done, failure) -> {
      if (failure != null && !watcher.isClosed()) {
        sink.failed(failure instanceof Exception e ? e : new IOException(failure));
      }
    });
  }

  /**
   * What tells the watcher a file really changed: the bytes of an asset.json or a registry record
   * (small, and what editors and {@code git} rewrite in place), the size and modification time of
   * anything else, as packer's own scan and build cache judge inputs. Reading every input at start
   * would cost seconds on a large workspace; an event dropped as a duplicate is one whose file
   * packer's scan would find unchanged too.
   */
  static FileHash hash(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (attributes.isDirectory()) {
      return FileHash.DIRECTORY;
    }
    String name = file.getFileName().toString();
    if (name.equals(DeclarationReader.FILE_NAME) || name.endsWith(".json") && attributes.size() <= SMALL_FILE) {
      return FileHash.fromBytes(Sha256.newDigest().digest(Files.readAllBytes(file)));
    }
    return FileHash.fromBytes(ByteBuffer.allocate(24).putLong(attributes.size())
        .putLong(attributes.lastModifiedTime().to(TimeUnit.SECONDS))
        .putLong(attributes.lastModifiedTime().toInstant().getNano()).array());
  }

  /** Walks a folder for the watcher (to watch and hash it), not entering ignored folders. */
  private void visit(Path start, FileTreeVisitor.Callback onDirectory, FileTreeVisitor.Callback onFile)
      throws IOException {
    if (ignored.test(start)) {
      return;
    }
    if (closed) {
      throw new IOException("closed while starting");
    }
    try {
      Files.walkFileTree(start, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
          if (closed) {
            throw new IOException("closed while starting"); // Stops a long walk at once.
          }
          if (!dir.equals(start) && ignored.test(dir)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          onDirectory.call(dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          if (!ignored.test(file)) {
            onFile.call(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // Gone meanwhile: its delete event follows.
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    synchronized (this) {
      closeWatcher();
    }
  }

  private void closeWatcher() throws IOException {
    if (watcher != null) {
      watcher.close();
    }
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
