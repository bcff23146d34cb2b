package packer.fs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one seam through which every durable file operation passes.
 *
 * <p>Each method is one step: tests count the steps, halt the process at any of them, inject I/O
 * errors, or record which effects a power loss could undo. Reads are not part of the seam; they
 * change nothing. A failed step is fatal for the operation that issued it: callers never retry a
 * failed force, since a retried fsync can report success after data was lost.
 */
public interface Disk {

  /** Creates or truncates {@code file}, writes {@code content} and forces it to stable storage. */
  void write(Path file, byte[] content) throws IOException;

  /** Creates or truncates {@code target}, copies {@code source} into it and forces it. */
  void copy(Path source, Path target) throws IOException;

  /** Renames a file or folder atomically, replacing a file at {@code target}. */
  void move(Path source, Path target) throws IOException;

  /** Deletes a file or an empty folder; does nothing when it is absent. */
  void delete(Path path) throws IOException;

  /** Creates one folder; its parent must exist. */
  void createDirectory(Path dir) throws IOException;

  /** Forces a folder's entries (creations, renames, deletions) to stable storage. */
  void syncDirectory(Path dir) throws IOException;
}
