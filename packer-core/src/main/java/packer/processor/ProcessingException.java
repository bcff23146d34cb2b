package packer.processor;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An asset whose inputs its processor cannot turn into an entry: a file that is not what the type
 * expects, or the wrong number of files. The message tells the fix; the location says where.
 *
 * <p>{@link #path()} is empty when the problem is with the asset as a whole (e.g. a type that takes
 * one file was given three); the caller then reports it at the {@code inputs} key of the asset's
 * {@code asset.json}.
 */
public final class ProcessingException extends Exception {

  private final String path;
  private final int line;
  private final int column;
  private final long byteOffset;

  private ProcessingException(String path, long byteOffset, int line, int column, String message) {
    super(Objects.requireNonNull(message, "message"));
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column are 1-based, or 0 for none");
    }
    this.path = path;
    this.line = line;
    this.column = column;
    this.byteOffset = byteOffset;
  }

  /** A problem with the asset as a whole, not with one of its files. */
  public static ProcessingException ofAsset(String message) {
    return new ProcessingException(null, -1, 0, 0, message);
  }

  /** A problem with the input file at {@code path} (inside the asset folder) as a whole. */
  public static ProcessingException inFile(String path, String message) {
    return new ProcessingException(Objects.requireNonNull(path, "path"), -1, 0, 0, message);
  }

  /** A problem at a 1-based line and column of a text input. */
  public static ProcessingException at(String path, int line, int column, String message) {
    return new ProcessingException(Objects.requireNonNull(path, "path"), -1, line, column, message);
  }

  /** A problem at a byte offset of a binary input. */
  public static ProcessingException atByte(String path, long byteOffset, String message) {
    return atByte(path, byteOffset, 0, 0, message);
  }

  /** A problem at a byte offset of a text input, with the line and column it falls on. */
  public static ProcessingException atByte(
      String path, long byteOffset, int line, int column, String message) {
    if (byteOffset < 0) {
      throw new IllegalArgumentException("a byte offset is at least 0: " + byteOffset);
    }
    return new ProcessingException(
        Objects.requireNonNull(path, "path"), byteOffset, line, column, message);
  }

  /** The input file at fault, inside the asset folder; empty when the asset as a whole is. */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /** 1-based line in the file, or 0 when not meaningful. */
  public int line() {
    return line;
  }

  /** 1-based column (in characters) on that line, or 0 when not meaningful. */
  public int column() {
    return column;
  }

  /** The offset of the first byte at fault, when known. */
  public OptionalLong byteOffset() {
    return byteOffset < 0 ? OptionalLong.empty() : OptionalLong.of(byteOffset);
  }
}
