package packer.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations of one commit, gathered in order, then made durable at once by {@link #commit()}.
 * Operations apply in the order they were added.
 */
public final class Transaction {

  private final IntentJournal journal;
  private final String id;
  private final List<IntentJournal.Staged> staged = new ArrayList<>();
  private final List<JournalOp> ops = new ArrayList<>();
  private boolean committed;

  Transaction(IntentJournal journal, String id) {
    this.journal = journal;
    this.id = id;
  }

  /** Writes {@code content} to the workspace file {@code target}, replacing it if present. */
  public Transaction put(String target, byte[] content) {
    ops.add(new JournalOp.Write(target, "write-" + ops.size(), content));
    return this;
  }

  /** Copies the file {@code source} (anywhere) to the workspace file {@code target}. */
  public Transaction copy(Path source, String target) {
    String name = "stage-" + staged.size();
    staged.add(new IntentJournal.Staged(name, source));
    ops.add(new JournalOp.Put(target, name));
    return this;
  }

  public Transaction moveFolder(String from, String to) {
    ops.add(new JournalOp.MoveFolder(from, to));
    return this;
  }

  /** Removes a file or folder from the workspace; its bytes are gone once the commit retires. */
  public Transaction discard(String path) {
    ops.add(new JournalOp.Discard(path, "trash-" + ops.size()));
    return this;
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  public void commit() throws IOException {
    if (committed) {
      throw new IllegalStateException("transaction " + id + " was already committed");
    }
    committed = true;
    journal.commit(id, staged, ops);
  }
}
