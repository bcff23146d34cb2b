package packer.processor;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import packer.path.WorkspacePath;

/**
 * One declared input of an asset: its path inside the asset folder and its bytes, copied in so
 * neither the caller nor a processor can change what the other sees.
 */
public final class InputFile {

  private final String path;
  private final byte[] bytes;

  private InputFile(String path, byte[] bytes) {
    this.path = path;
    this.bytes = bytes;
  }

  /**
   * The file at {@code path} with a copy of {@code bytes}.
   *
   * @param path canonical, relative to the asset folder: {@code /}-separated, NFC, no {@code .} or
   *     {@code ..} segments (e.g. {@code sprites/hero.png})
   * @throws IllegalArgumentException when {@code path} is not in that form
   */
  public static InputFile of(String path, byte[] bytes) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(bytes, "bytes");
    WorkspacePath.Result canonical = WorkspacePath.canonical(path);
    if (!canonical.isValid()) {
      throw new IllegalArgumentException("input path '" + path + "': " + canonical.reason());
    }
    if (!canonical.path().orElseThrow().equals(path)) {
      throw new IllegalArgumentException(
          "input path '" + path + "' is not canonical; use '" + canonical.path().orElseThrow() + "'");
    }
    return new InputFile(path, bytes.clone());
  }

  /** The path inside the asset folder, e.g. {@code sprites/hero.png}. */
  public String path() {
    return path;
  }

  public int size() {
    return bytes.length;
  }

  /** A copy of the content. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The content as a read-only buffer, without copying. */
  public ByteBuffer buffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /** The content as a stream, without copying. */
  public InputStream openStream() {
    return new ByteArrayInputStream(bytes);
  }

  /** The content itself, for the built-in processors, which never change it. */
  byte[] sharedBytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InputFile that && path.equals(that.path) && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * path.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "InputFile[" + path + ", " + bytes.length + " bytes]";
  }
}
