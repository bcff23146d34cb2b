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
 * <p>A commit writes an intent record listing the operations, with the new contents of the files it
 * writes, and stages those contents durably beside it in {@code .packer/journal} (copied files are
 * staged first, since the record cannot hold them); one sync of the journal folder seals them (the
 * commit point: before it nothing has changed, after it the commit will happen). It then applies
 * the operations, moving each staged file into place, and retires the record. Recovery, run on
 * open before any snapshot is served, rolls a sealed record forward through the very same apply
 * code and discards anything unsealed. Every operation, applied again, reaches the same state, so
 * a crash during recovery is recovered by running recovery again.
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
        apply(new Applier(disk, root, folder, id), folder.resolve(id), record.get());
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
   * Makes a commit durable in four rounds of forces, whatever the number of files, each round
   * issued at once: the record (which holds every new content but copies) with every new content
   * staged beside it; one sync of the journal folder, which seals them (the commit point); after
   * the moves, one sync of each folder whose entries changed; the record's removal.
   */
  void commit(String id, List<Staged> staged, List<JournalOp> ops) throws IOException {
    Applier applier = new Applier(disk, root, folder, id);
    applier.ensureFolder(folder);
    if (!staged.isEmpty()) {
      // A copy cannot be staged again from the record: it must be whole before the record is.
      List<Applier.IoTask> copies = new ArrayList<>();
      for (Staged file : staged) {
        copies.add(() -> disk.copy(file.source(), applier.stagingFile(file.name())));
      }
      Applier.inParallel(copies);
      disk.syncDirectory(folder);
    }
    IntentRecord record = new IntentRecord(ops);
    List<Applier.IoTask> writes = new ArrayList<>();
    // Written in place: a record torn by a crash fails its checksum and is discarded.
    writes.add(() -> disk.write(folder.resolve(id + INTENT), record.encode()));
    for (JournalOp op : ops) {
      if (op instanceof JournalOp.Write write) {
        writes.add(() -> write.stage(applier));
      }
    }
    Applier.inParallel(writes);
    disk.syncDirectory(folder); // The commit point.
    apply(applier, folder.resolve(id), record);
    retire(id);
  }

  private void apply(Applier applier, Path tx, IntentRecord record) throws IOException {
    List<Applier.IoTask> late = new ArrayList<>();
    for (JournalOp op : record.ops()) {
      if (op instanceof JournalOp.Write write && !write.isStaged(applier)) {
        late.add(() -> write.stage(applier));
      }
    }
    if (!late.isEmpty()) {
      // Rolling forward: staged again from the record, and made durable before they are moved.
      Applier.inParallel(late);
      disk.syncDirectory(folder);
    }
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
