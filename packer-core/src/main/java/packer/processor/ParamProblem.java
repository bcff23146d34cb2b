package packer.processor;

import java.util.Objects;

/**
 * A param of an {@code asset.json} that its type does not accept, with the fix.
 *
 * @param pointer the param as a JSON Pointer relative to the {@code params} object: {@code ""} for
 *     the params object itself, {@code "/format"} for its {@code format} key. The caller prefixes
 *     {@code /params} to find the line in {@code asset.json}.
 * @param message what is wrong and how to fix it, e.g. {@code "format" must be one of "rgba8",
 *     "rgb8", "gray8", not "rgba"}
 */
public record ParamProblem(String pointer, String message) {

  public ParamProblem {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      throw new IllegalArgumentException("a JSON Pointer is empty or starts with '/': " + pointer);
    }
  }

  /** A problem with the top-level param {@code key}, which is escaped into a pointer. */
  public static ParamProblem at(String key, String message) {
    return new ParamProblem("/" + key.replace("~", "~0").replace("/", "~1"), message);
  }

  /** A problem with the params object as a whole. */
  public static ParamProblem ofParams(String message) {
    return new ParamProblem("", message);
  }
}
