package packer.processor;

import packer.json.JsonNumbers;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import packer.json.CanonicalJson;
import packer.json.JsonDocument;
import packer.json.JsonSyntaxException;
import packer.path.PathOrder;

/**
 * Everything a {@link Processor} may know about an asset: its declared input files, sorted by path
 * (UTF-8 bytes, unsigned), and its params in canonical form. There is deliberately no file system
 * path, asset folder, name or id here, so a processor cannot read undeclared files or make its
 * output depend on where the workspace lives.
 */
public final class ProcessorInput {

  private static final int MAX_LISTED = 5;

  private final List<InputFile> files;
  private final String canonicalParams;

  private ProcessorInput(List<InputFile> files, String canonicalParams) {
    this.files = files;
    this.canonicalParams = canonicalParams;
  }

  /**
   * The input made of {@code files}, in any order, and {@code params}, a JSON object.
   *
   * @throws IllegalArgumentException when two files share a path, or {@code params} is not an
   *     object or holds a number whose plain form exceeds 1000 characters
   */
  public static ProcessorInput of(List<InputFile> files, JsonNode params) {
    Objects.requireNonNull(params, "params");
    if (!params.isObject()) {
      throw new IllegalArgumentException("params must be a JSON object, not " + params.getNodeType());
    }
    Optional<String> hugeNumber = JsonNumbers.firstTooLong(params);
    if (hugeNumber.isPresent()) {
      throw new IllegalArgumentException(
          "the param number at " + hugeNumber.get() + " is too long in plain decimal form");
    }
    List<InputFile> sorted = new ArrayList<>(files);
    sorted.sort((a, b) -> PathOrder.compare(a.path(), b.path()));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).path().equals(sorted.get(i).path())) {
        throw new IllegalArgumentException("two inputs have the path " + sorted.get(i).path());
      }
    }
    byte[] canonical = CanonicalJson.compact(params);
    return new ProcessorInput(
        List.copyOf(sorted),
        new String(canonical, 0, canonical.length - 1, StandardCharsets.UTF_8));
  }

  /**
   * The input made of {@code files} and the params written as JSON text, e.g. {@code
   * Declaration.params()}.
   *
   * @throws IllegalArgumentException when {@code paramsJson} is not a JSON object
   */
  public static ProcessorInput of(List<InputFile> files, String paramsJson) {
    return of(files, parseObject(paramsJson));
  }

  /** The input files sorted by path, as UTF-8 bytes compared unsigned. */
  public List<InputFile> files() {
    return files;
  }

  /**
   * The only input file.
   *
   * @throws ProcessingException about the asset when it has no file or several
   */
  public InputFile onlyFile() throws ProcessingException {
    if (files.size() == 1) {
      return files.get(0);
    }
    if (files.isEmpty()) {
      throw ProcessingException.ofAsset(
          "this type takes exactly one input file and the asset has none;"
              + " list one file in \"inputs\"");
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < Math.min(files.size(), MAX_LISTED); i++) {
      names.append(i == 0 ? "" : ", ").append(files.get(i).path());
    }
    if (files.size() > MAX_LISTED) {
      names.append(" and ").append(files.size() - MAX_LISTED).append(" more");
    }
    throw ProcessingException.ofAsset(
        "this type takes exactly one input file and the asset has " + files.size() + " ("
            + names + "); keep one in \"inputs\" or make one asset per file");
  }

  /** The params: a fresh copy, in canonical form ({@code 1.50} reads as {@code 1.5}). */
  public JsonNode params() {
    return parseObject(canonicalParams);
  }

  /** The params as canonical compact JSON without a final newline, e.g. {@code {"format":"rgb8"}}. */
  public String canonicalParams() {
    return canonicalParams;
  }

  private static JsonNode parseObject(String json) {
    try {
      JsonNode node = JsonDocument.parse(json.getBytes(StandardCharsets.UTF_8)).root();
      if (!node.isObject()) {
        throw new IllegalArgumentException("params must be a JSON object: " + json);
      }
      return node;
    } catch (JsonSyntaxException e) {
      throw new IllegalArgumentException("params are not JSON: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ProcessorInput[" + files + ", " + canonicalParams + "]";
  }
}
