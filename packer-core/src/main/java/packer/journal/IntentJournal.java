package packer.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import packer.fs.Disk;

/**
 * A redo journal that makes a commit touching several files atomic and durable.
 *
 * <p>A commit seals an intent record listing the operations, with the new contents of the files it
 * writes (the commit point: before it nothing has changed, after it the commit will happen); only
 * copied files are staged before, in the commit's own folder under {@code .packer/journal}. It then
 * applies the operations (each new content staged durably beside its target, then moved in) and
 * retires the record. Recovery, run
 * on open before any snapshot is served, rolls a sealed record forward through the very same apply
 * code and discards anything unsealed. Every step is a no-op when already done, so a crash during
 * recovery is recovered by running recovery again.
 */
public final class IntentJournal {

  public static final String FOLDER = ".packer/journal";
  private static final String INTENT = ".intent";
  static final String TEMP = ".tmp";

  private final Disk disk;
  private final Path root;
  private final Path folder;
  private long sequence;

  public IntentJournal(Disk disk, Path root) {
    this.disk = disk;
    this.root = root;
    this.folder = root.resolve(FOLDER);
  }

  /** Starts a commit; nothing reaches the disk until {@link Transaction#commit()}. */
  public Transaction begin() {
    String id;
    do {
      sequence++;
      id = String.format(java.util.Locale.ROOT, "tx-%08d", sequence);
    } while (Files.exists(folder.resolve(id), LinkOption.NOFOLLOW_LINKS)
        || Files.exists(folder.resolve(id + INTENT), LinkOption.NOFOLLOW_LINKS));
    return new Transaction(this, id);
  }

  /**
   * A mark that changes whenever a commit begins or ends: the journal folder's modification time,
   * and whether it holds anything. A reader that sees the same quiet mark before and after reading
   * the workspace saw no commit in between.
   */
  public String watermark() throws IOException {
    if (!Files.isDirectory(folder)) {
      return "absent";
    }
    return Files.getLastModifiedTime(folder).toInstant() + (isBusy() ? " busy" : " quiet");
  }

  /** Whether a commit is sealed or in progress: the workspace may be between two states. */
  public boolean isBusy() throws IOException {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      return entries.iterator().hasNext();
    }
  }

  /**
   * Finishes what a crash interrupted: rolls sealed records forward, discards the rest.
   *
   * @return what was done, for {@code packer doctor} to tell; empty when the journal was clean
   */
  public List<String> recover() throws IOException {
    List<String> events = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return events;
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
      stream.forEach(entries::add);
    }
    entries.sort(null);
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (!name.endsWith(INTENT)) {
        continue;
      }
      String id = name.substring(0, name.length() - INTENT.length());
      Optional<IntentRecord> record = IntentRecord.decode(Files.readAllBytes(entry));
      if (record.isPresent()) {
        apply(new Applier(disk, root, id), folder.resolve(id), record.get());
        events.add("rolled forward interrupted commit " + id + " (" + record.get().ops().size() + " operations)");
      } else {
        events.add("discarded commit " + id + ", whose record was torn before it was sealed");
      }
      retire(id);
    }
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (name.endsWith(INTENT) || !Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (!name.endsWith(TEMP)) {
        events.add("discarded commit " + name + ", which crashed before it was sealed");
      }
      deleteTree(entry);
    }
    if (!entries.isEmpty()) {
      disk.syncDirectory(folder);
    }
    return events;
  }

  /**
   * Makes a commit durable with as few forces as the protocol allows, whatever the number of
   * files: the record (which holds every new content but copies) is forced once and sealed by one
   * sync of the journal folder; applying forces all staged contents at once, then syncs each
   * folder whose entries changed once, all at once; retiring syncs the journal folder once.
   */
  void commit(String id, List<Staged> staged, List<JournalOp> ops) throws IOException {
    Applier applier = new Applier(disk, root, id);
    applier.ensureFolder(folder);
    if (!staged.isEmpty() || ops.stream().anyMatch(JournalOp.Discard.class::isInstance)) {
      // Copied files and discarded folders wait in the transaction's own folder.
      Path tx = folder.resolve(id);
      disk.createDirectory(tx);
      List<Applier.IoTask> copies = new ArrayList<>();
      for (Staged file : staged) {
        copies.add(() -> disk.copy(file.source(), tx.resolve(file.name())));
      }
      Applier.inParallel(copies);
      disk.syncDirectory(tx);
      // The transaction folder's own entry must be durable before the record that names it:
      // changes to one folder's entries that are not yet synced may reach the disk in any order,
      // so the sealing sync alone could keep the record and lose the folder with the staged files.
      disk.syncDirectory(folder);
    }
    IntentRecord record = new IntentRecord(ops);
    // Written in place: a record torn by a crash fails its checksum and is discarded.
    disk.write(folder.resolve(id + INTENT), record.encode());
    disk.syncDirectory(folder); // The commit point.
    apply(applier, folder.resolve(id), record);
    retire(id);
  }

  private static void apply(Applier applier, Path tx, IntentRecord record) throws IOException {
    // Forces every new content at once, but where an operation ahead must make its folder first.
    boolean movesFolders = record.ops().stream()
        .anyMatch(op -> op instanceof JournalOp.MoveFolder || op instanceof JournalOp.Discard);
    List<Applier.IoTask> writes = new ArrayList<>();
    for (JournalOp op : record.ops()) {
      if (!movesFolders && op instanceof JournalOp.Write write && write.canStageEarly(applier)) {
        writes.add(() -> write.stage(applier));
      }
    }
    Applier.inParallel(writes);
    for (JournalOp op : record.ops()) {
      op.apply(applier, tx);
    }
    applier.syncTouched();
  }

  private void retire(String id) throws IOException {
    disk.delete(folder.resolve(id + INTENT));
    disk.syncDirectory(folder);
    deleteTree(folder.resolve(id));
  }

  private void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        disk.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (failure != null) {
          throw failure;
        }
        disk.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** A file to stage in the transaction's folder before the commit point: a copy of {@code source}. */
  record Staged(String name, Path source) {}
}
