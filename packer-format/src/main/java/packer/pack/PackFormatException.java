package packer.pack;

import java.io.IOException;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * A pack is corrupt, truncated, or of a version this reader cannot read.
 *
 * <p>Checked, and an {@link IOException}: a damaged file is a fact of the outside world that
 * every caller must be ready for, like a failed read, and code that already handles I/O
 * failures handles this one too. The message always names the byte offset where the problem
 * was found, and the entry when there is one, e.g. {@code game.pack: offset 304: entry
 * 3f9a0c1d2e4b5a67 'greeting': content hash mismatch (...)}.
 */
public final class PackFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  private final long offset;
  private final boolean hasEntry;
  private final long entryId;
  private final String problem;

  PackFormatException(String source, long offset, String problem) {
    this(source, offset, false, 0, problem, null);
  }

  PackFormatException(String source, long offset, long entryId, String problem) {
    this(source, offset, true, entryId, problem, null);
  }

  PackFormatException(
      String source, long offset, boolean hasEntry, long entryId, String problem, Throwable cause) {
    super(format(source, offset, hasEntry, entryId, problem), cause);
    this.offset = offset;
    this.hasEntry = hasEntry;
    this.entryId = entryId;
    this.problem = problem;
  }

  private static String format(
      String source, long offset, boolean hasEntry, long entryId, String problem) {
    StringBuilder message = new StringBuilder();
    if (source != null) {
      message.append(source).append(": ");
    }
    message.append("offset ").append(offset).append(": ");
    if (hasEntry) {
      message.append("entry ").append(HexFormat.of().toHexDigits(entryId)).append(": ");
    }
    return message.append(problem).toString();
  }

  /** The byte offset in the pack where the problem was found. */
  public long offset() {
    return offset;
  }

  /** The id of the entry concerned, when the problem belongs to one entry. */
  public OptionalLong entryId() {
    return hasEntry ? OptionalLong.of(entryId) : OptionalLong.empty();
  }

  /** What is wrong, without the file and offset prefix. */
  public String problem() {
    return problem;
  }
}
