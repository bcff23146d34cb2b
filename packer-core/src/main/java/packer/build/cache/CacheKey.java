package packer.build.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The key of a processed output: SHA-256 of everything the output depends on, and nothing else
 * (not the asset's name, folder or id, so a renamed or moved asset still hits).
 */
public final class CacheKey {

  /** Bumped when the build changes how a value is made from the same key material. */
  private static final String FORMAT = "packer-build-key 1";

  /** One input: its path inside the asset folder (processors see it) and its content hash. */
  public record Input(String path, String sha256) {}

  /** One digest per thread, reset after each key: a build makes one key per asset. */
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(packer.scan.Sha256::newDigest);

  private CacheKey() {}

  /**
   * @param params the canonical compact JSON of the params
   * @param compression how the value is stored, with the codec's version and level (e.g. {@code
   *     none}, {@code zstd zstd-jni 1.5.7-28 level 3})
   */
  public static String of(String type, int processorVersion, String params, String compression, List<Input> inputs) {
    StringBuilder text = new StringBuilder(256).append(FORMAT).append('\n')
        .append("type ").append(type).append('\n')
        .append("version ").append(processorVersion).append('\n')
        .append("params ").append(params.length()).append(':').append(params).append('\n')
        .append("compression ").append(compression).append('\n');
    for (Input input : inputs) {
      text.append("input ").append(input.path().length()).append(':').append(input.path())
          .append(' ').append(input.sha256()).append('\n');
    }
    return HexFormat.of().formatHex(DIGEST.get().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
