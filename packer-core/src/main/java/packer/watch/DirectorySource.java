package packer.watch;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import io.methvin.watcher.hashing.FileHasher;
import io.methvin.watcher.visitor.FileTreeVisitor;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The file system's change notifications, recursive, through {@code io.methvin:directory-watcher}
 * with content hashing (a write that leaves a file's bytes as they were is no event). Folders the
 * watcher ignores are neither watched nor hashed.
 */
final class DirectorySource implements EventSource {

  private final Path root;
  private final Predicate<Path> ignored;
  private DirectoryWatcher watcher;
  private ExecutorService executor;

  /** @param ignored whether an absolute path lies where no change matters (local state, build output) */
  DirectorySource(Path root, Predicate<Path> ignored) {
    this.root = root;
    this.ignored = ignored;
  }

  @Override
  public void start(Sink sink) throws IOException {
    watcher = DirectoryWatcher.builder()
        .path(root)
        .fileHasher(FileHasher.DEFAULT_FILE_HASHER)
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
    if (watching.isCompletedExceptionally()) {
      close();
      try {
        watching.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof UncheckedIOException io ? io.getCause()
            : new IOException("cannot watch " + root + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
    watching.whenComplete((done, failure) -> {
      if (failure != null && !watcher.isClosed()) {
        sink.failed(failure instanceof Exception e ? e : new IOException(failure));
      }
    });
  }

  /** Walks a folder for the watcher (to watch and hash it), not entering ignored folders. */
  private void visit(Path start, FileTreeVisitor.Callback onDirectory, FileTreeVisitor.Callback onFile)
      throws IOException {
    if (ignored.test(start)) {
      return;
    }
    try {
      Files.walkFileTree(start, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
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
