package packer.path;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Optional;

/**
 * Workspace-relative paths as packer stores them: {@code /}-separated, NFC, no {@code .} or
 * {@code ..} segments, never absolute, never empty.
 */
public final class WorkspacePath {

  private WorkspacePath() {}

  /**
   * Checks a user-given relative path and returns its canonical form, or a reason it is not one.
   */
  public static Result canonical(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Result.rejected("the path is empty");
    }
    if (raw.indexOf('\0') >= 0) {
      return Result.rejected("the path contains a NUL character");
    }
    if (raw.indexOf('\\') >= 0) {
      return Result.rejected("use '/' as the separator, not '\\'");
    }
    if (raw.startsWith("/") || (raw.length() >= 2 && raw.charAt(1) == ':')) {
      return Result.rejected("the path must be relative, not absolute");
    }
    String trimmed = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    StringBuilder out = new StringBuilder();
    for (String segment : trimmed.split("/", -1)) {
      if (segment.isEmpty()) {
        return Result.rejected("the path has an empty segment ('//')");
      }
      if (segment.equals("..")) {
        return Result.rejected("the path must not contain '..'");
      }
      if (segment.equals(".")) {
        continue;
      }
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(segment);
    }
    if (out.length() == 0) {
      return Result.rejected("the path names no file or folder");
    }
    return new Result(Optional.of(Normalizer.normalize(out, Normalizer.Form.NFC)), "");
  }

  /** The workspace-relative form of {@code path}, which must lie under {@code root}. */
  public static String relativize(Path root, Path path) {
    Path relative = root.relativize(path);
    StringBuilder out = new StringBuilder();
    for (Path segment : relative) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(segment.toString());
    }
    return Normalizer.normalize(out, Normalizer.Form.NFC);
  }

  /** The last segment of a canonical path. */
  public static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The parent of a canonical path, or "" for a top-level entry. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** Whether {@code inner} equals {@code outer} or lies inside it. */
  public static boolean isWithin(String inner, String outer) {
    return inner.equals(outer) || inner.startsWith(outer + "/");
  }

  public record Result(Optional<String> path, String reason) {
    static Result rejected(String reason) {
      return new Result(Optional.empty(), reason);
    }

    public boolean isValid() {
      return path.isPresent();
    }
  }
}
