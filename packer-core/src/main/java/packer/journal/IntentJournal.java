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
 * <p>A commit stages every new file durably in its own folder under {@code .packer/journal}, then
 * seals an intent record listing the operations (the commit point: before it nothing has changed,
 * after it the commit will happen), applies the operations, and retires the record. Recovery, run
 * on open before any snapshot is served, rolls a sealed record forward through the very same apply
 * code and discards anything unsealed. Every step is a no-op when already done, so a crash during
 * recovery is recovered by running recovery again.
 */
public final class IntentJournal {

  public static final String FOLDER = ".packer/journal";
  private static final String INTENT = ".intent";
  private static final String TEMP = ".tmp";

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
    Applier applier = new Applier(disk, root);
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (!name.endsWith(INTENT)) {
        continue;
      }
      String id = name.substring(0, name.length() - INTENT.length());
      Optional<IntentRecord> record = IntentRecord.decode(Files.readAllBytes(entry));
      if (record.isPresent()) {
        apply(applier, folder.resolve(id), record.get());
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

  void commit(String id, List<Staged> staged, List<JournalOp> ops) throws IOException {
    Applier applier = new Applier(disk, root);
    applier.ensureFolder(folder);
    Path tx = folder.resolve(id);
    disk.createDirectory(tx);
    for (Staged file : staged) {
      if (file.source() != null) {
        disk.copy(file.source(), tx.resolve(file.name()));
      } else {
        disk.write(tx.resolve(file.name()), file.content());
      }
    }
    disk.syncDirectory(tx);
    // The transaction folder's own entry must be durable before the record that names it: changes
    // to one folder's entries that are not yet synced may reach the disk in any order, so the
    // sealing sync alone could keep the record and lose the folder with the staged files.
    disk.syncDirectory(folder);
    IntentRecord record = new IntentRecord(ops);
    Path temp = folder.resolve(id + INTENT + TEMP);
    disk.write(temp, record.encode());
    disk.move(temp, folder.resolve(id + INTENT));
    disk.syncDirectory(folder); // The commit point.
    apply(applier, tx, record);
    retire(id);
  }

  private static void apply(Applier applier, Path tx, IntentRecord record) throws IOException {
    for (JournalOp op : record.ops()) {
      op.apply(applier, tx);
    }
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

  /** A file to stage: given bytes, or a copy of {@code source}. */
  record Staged(String name, byte[] content, Path source) {}
}
