package packer.processor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Turns one asset's declared inputs and params into the bytes of its pack entry.
 *
 * <p>A processor is a pure function: the same input bytes and params give the same output bytes
 * on every machine, in every locale and time zone, on any thread. It sees only what {@link
 * ProcessorInput} holds (the asset's declared input files, by their path inside the asset folder,
 * and the canonical params); it is never given a file system path and must not read files,
 * clocks, the environment or random sources. The build may call one instance from many threads at
 * once, so implementations hold no mutable state.
 *
 * <p>The build caches outputs under a key made of {@link #type()}, {@link #version()}, the
 * canonical params and the input content hashes. Bump {@link #version()} whenever a change could
 * alter the output bytes for some input, or stale entries will be served from caches.
 *
 * <p>New types plug in through {@link java.util.ServiceLoader}: put a class with a public no-arg
 * constructor in a jar, list it in {@code META-INF/services/packer.processor.Processor}, and name
 * the jar (or its folder) in the environment variable {@code PACKER_PLUGINS} (see {@link
 * Processors#discover(ClassLoader)} and the README's "Adding an asset type"). For example:
 *
 * <pre>{@code
 * public final class UpperText implements Processor {
 *   public String type() { return "upper"; }
 *   public int version() { return 1; }
 *   public List<ParamProblem> checkParams(JsonNode params) {
 *     List<ParamProblem> problems = new ArrayList<>();
 *     params.fieldNames().forEachRemaining(key ->
 *         problems.add(ParamProblem.at(key, "type upper takes no params; remove \"" + key + "\"")));
 *     return problems;
 *   }
 *   public byte[] process(ProcessorInput input) throws ProcessingException {
 *     InputFile file = input.onlyFile();
 *     String text = new String(file.bytes(), StandardCharsets.UTF_8);
 *     return text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
 *   }
 * }
 * }</pre>
 */
public interface Processor {

  /**
   * The asset type this processor handles, as written in {@code asset.json}: lowercase ASCII
   * letters and digits, optionally joined by single {@code .}, {@code -} or {@code _}, at most 64
   * characters (e.g. {@code image}, {@code acme.mesh}).
   */
  String type();

  /** At least 1; bumped whenever the output bytes for some input change. */
  int version();

  /**
   * The problems with {@code params}, the {@code params} object of an {@code asset.json} ({@code
   * {}} when the declaration has none), in a stable order; empty when the params are fine.
   *
   * <p>Each problem names the param by a JSON Pointer relative to the params object, so the caller
   * can report it at that key's line in {@code asset.json}.
   */
  List<ParamProblem> checkParams(JsonNode params);

  /**
   * The entry bytes for {@code input}. The caller owns the returned array.
   *
   * <p>Only called with params for which {@link #checkParams} found no problem; otherwise it may
   * throw {@link IllegalArgumentException}.
   *
   * @throws ProcessingException when the input cannot be processed (wrong number of files, bytes
   *     that are not what the type expects), naming the file and, where meaningful, the place in
   *     it, with a message that tells the fix
   */
  byte[] process(ProcessorInput input) throws ProcessingException;

  /**
   * True when, for valid params and exactly one input file, {@link #process} returns that file's
   * bytes unchanged. A build then copies the file into the pack as it writes it, without holding
   * the bytes or calling {@code process}. Any other processor keeps the default, false.
   */
  default boolean passesItsOnlyInputThrough() {
    return false;
  }
}
