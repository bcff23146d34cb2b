package packer.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * One operation of a commit, with workspace-relative paths. Each is idempotent: applying it again
 * after it was wholly or partly applied reaches the same state, which makes roll-forward safe.
 */
public sealed interface JournalOp {

  /** Applies this operation; {@code tx} is the transaction's own folder under the journal. */
  void apply(Applier applier, Path tx) throws IOException;

  void writeTo(ObjectNode node);

  /**
   * Writes {@code content}, which the record itself holds, to {@code target}: staged durably beside
   * the record, then moved in. A commit stages its writes with the record, all at once ({@link
   * #stage}); rolling forward stages them again, since a staged file a crash left may be torn.
   */
  record Write(String target, String staged, byte[] content) implements JournalOp {
    public Write {
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }

    void stage(Applier applier) throws IOException {
      Path staging = applier.stagingFile(staged);
      applier.disk().write(staging, content);
      applier.staged(staging);
    }

    boolean isStaged(Applier applier) {
      return applier.wasStaged(applier.stagingFile(staged));
    }

    @Override
    public void apply(Applier applier, Path tx) throws IOException {
      Path destination = applier.resolve(target);
      applier.ensureFolder(destination.getParent());
      applier.disk().move(applier.stagingFile(staged), destination);
      applier.touched(destination.getParent());
    }

    @Override
    public void writeTo(ObjectNode node) {
      node.put("op", "write").put("target", target).put("staged", staged)
          .put("content", Base64.getEncoder().encodeToString(content));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Write w && w.target.equals(target) && w.staged.equals(staged)
          && Arrays.equals(w.content, content);
    }

    @Override
    public int hashCode() {
      return target.hashCode() * 31 + Arrays.hashCode(content);
    }
  }

  /** Moves the staged copy {@code staged} (beside the record) to {@code target}. */
  record Put(String target, String staged) implements JournalOp {
    @Override
    public void apply(Applier applier, Path tx) throws IOException {
      Path source = applier.stagingFile(staged);
      Path destination = applier.resolve(target);
      if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
        applier.ensureFolder(destination.getParent());
        applier.disk().move(source, destination);
      }
      applier.touched(destination.getParent());
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
      applier.touched(source.getParent());
      applier.touched(destination.getParent());
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
        applier.ensureFolder(tx);
        applier.disk().move(source, tx.resolve(trash));
      }
      applier.touched(source.getParent());
    }

    @Override
    public void writeTo(ObjectNode node) {
      node.put("op", "discard").put("path", path).put("trash", trash);
    }
  }
}
