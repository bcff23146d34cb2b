package packer.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import packer.fs.Disk;

/**
 * What journal operations need to apply themselves: the disk seam, the workspace root, where to
 * stage new contents, and the folders whose entries they changed, each synced once at the end.
 */
final class Applier {

  /** Forces several files or folders at once: the file system commits them in one round. */
  private static final ExecutorService FORCES = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "packer-force");
    thread.setDaemon(true);
    return thread;
  });

  private final Disk disk;
  private final Path root;
  private final Path journal;
  private final String id;
  private final Set<Path> touched = new LinkedHashSet<>();
  private final Set<Path> staged = java.util.concurrent.ConcurrentHashMap.newKeySet();

  Applier(Disk disk, Path root, Path journal, String id) {
    this.disk = disk;
    this.root = root;
    this.journal = journal;
    this.id = id;
  }

  Disk disk() {
    return disk;
  }

  Path resolve(String workspacePath) {
    return root.resolve(workspacePath);
  }

  /** Where the new contents named {@code staged} wait, beside the record, to be moved in. */
  Path stagingFile(String staged) {
    return journal.resolve(id + "." + staged + IntentJournal.TEMP);
  }

  /** Notes that {@code file} was staged, whole and forced, by this application of the record. */
  void staged(Path file) {
    staged.add(file);
  }

  boolean wasStaged(Path file) {
    return staged.contains(file);
  }

  /** Creates {@code folder} and its missing parents, each made durable in its parent. */
  void ensureFolder(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    ensureFolder(folder.getParent());
    disk.createDirectory(folder);
    disk.syncDirectory(folder.getParent());
  }

  /** Notes that {@code folder}'s entries changed: {@link #syncTouched()} makes them durable. */
  void touched(Path folder) {
    touched.add(folder);
  }

  /** Syncs every folder whose entries changed, once each, all at once. */
  void syncTouched() throws IOException {
    List<IoTask> syncs = new ArrayList<>();
    for (Path folder : touched) {
      if (Files.isDirectory(folder)) {
        syncs.add(() -> disk.syncDirectory(folder));
      }
    }
    touched.clear();
    inParallel(syncs);
  }

  interface IoTask {
    void run() throws IOException;
  }

  /**
   * Runs independent steps at once and waits for all of them; forces issued together cost about
   * one force, not one each. A failure is thrown as it was thrown; when several steps failed, an
   * I/O error tells each of them.
   */
  static void inParallel(List<IoTask> tasks) throws IOException {
    if (tasks.size() == 1) {
      tasks.get(0).run();
      return;
    }
    List<Future<?>> running = new ArrayList<>();
    for (IoTask task : tasks.subList(1, tasks.size())) {
      running.add(FORCES.submit(() -> {
        task.run();
        return null;
      }));
    }
    List<Throwable> failures = new ArrayList<>();
    try {
      tasks.get(0).run(); // The caller takes one itself rather than wait idle.
    } catch (IOException | RuntimeException | Error e) {
      failures.add(e);
    }
    boolean interrupted = false;
    for (Future<?> future : running) {
      while (true) {
        try {
          future.get();
          break;
        } catch (ExecutionException e) {
          failures.add(e.getCause());
          break;
        } catch (InterruptedException e) {
          interrupted = true; // A step half done is no state to leave: wait, then tell.
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failures.isEmpty()) {
      return;
    }
    Throwable first = failures.stream().filter(Error.class::isInstance).findFirst().orElse(failures.get(0));
    if (failures.size() > 1 && !(first instanceof Error)) {
      List<String> messages = new ArrayList<>();
      failures.forEach(f -> messages.add(String.valueOf(f.getMessage())));
      first = new IOException(failures.size() + " of " + tasks.size() + " steps failed: "
          + String.join("; ", messages), failures.get(0));
    }
    for (Throwable other : failures) {
      if (other != first && other != first.getCause()) {
        first.addSuppressed(other);
      }
    }
    if (first instanceof IOException io) {
      throw io;
    }
    if (first instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw (Error) first;
  }
}
