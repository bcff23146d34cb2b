package packer.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * One operation of a commit, with workspace-relative paths. Each is idempotent: applying it again
 * after it was wholly or partly applied reaches the same state, which makes roll-forward safe.
 */
public sealed interface JournalOp {

  /** Applies this operation; {@code tx} is the transaction's own folder under the journal. */
  void apply(Applier applier, Path tx) throws IOException;

  void writeTo(ObjectNode node);

  /** Moves the staged file {@code staged} (inside the transaction folder) to {@code target}. */
  record Put(String target, String staged) implements JournalOp {
    @Override
    public void apply(Applier applier, Path tx) throws IOException {
      Path source = tx.resolve(staged);
      Path destination = applier.resolve(target);
      if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
        applier.ensureFolder(destination.getParent());
        applier.disk().move(source, destination);
      }
      applier.syncIfPresent(destination.getParent());
    }

    @Override
    public void writeTo(ObjectNode node) {
      node.put("op", "put").put("target", target).put("staged", staged);
    }
  }

  /** Renames an asset folder; the new parent folders are created as needed. */
  record MoveFolder(String from, String to) implements JournalOp {
    @Override
    public void apply(Applier applier, Path tx) throws IOException {
      Path source = applier.resolve(from);
      Path destination = applier.resolve(to);
      boolean sourceThere = Files.exists(source, LinkOption.NOFOLLOW_LINKS);
      boolean destinationThere = Files.exists(destination, LinkOption.NOFOLLOW_LINKS);
      if (sourceThere && destinationThere) {
        throw new IOException("cannot move " + from + " to " + to + ": both exist; move or remove "
            + to + " by hand, then run packer doctor to finish the commit");
      }
      if (sourceThere) {
        applier.ensureFolder(destination.getParent());
        applier.disk().move(source, destination);
      }
      applier.syncIfPresent(source.getParent());
      applier.syncIfPresent(destination.getParent());
    }

    @Override
    public void writeTo(ObjectNode node) {
      node.put("op", "move").put("from", from).put("to", to);
    }
  }

  /** Moves a file or folder out of the workspace into the transaction's trash, deleted on retire. */
  record Discard(String path, String trash) implements JournalOp {
    @Override
    public void apply(Applier applier, Path tx) throws IOException {
      Path source = applier.resolve(path);
      if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
        applier.disk().move(source, tx.resolve(trash));
      }
      applier.syncIfPresent(source.getParent());
    }

    @Override
    public void writeTo(ObjectNode node) {
      node.put("op", "discard").put("path", path).put("trash", trash);
    }
  }
}
