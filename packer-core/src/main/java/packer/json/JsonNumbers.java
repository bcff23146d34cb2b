package packer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Guards the canonical number form against tiny texts with huge expansions.
 *
 * <p>Canonical JSON writes numbers in plain decimal ({@code 1e3} becomes {@code 1000}), so the 11
 * characters {@code 1e999999999} would expand to a billion digits and exhaust memory.
 */
public final class JsonNumbers {

  /** The longest plain form accepted; Jackson's own limit on a number literal. */
  public static final int MAX_PLAIN_LENGTH = 1000;

  private JsonNumbers() {}

  /** The JSON Pointer of the first number (in document order) whose plain form is too long. */
  public static Optional<String> firstTooLong(JsonNode node) {
    return firstTooLong(node, "");
  }

  private static Optional<String> firstTooLong(JsonNode node, String pointer) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = field.getKey().replace("~", "~0").replace("/", "~1");
        Optional<String> found = firstTooLong(field.getValue(), pointer + "/" + key);
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> found = firstTooLong(node.get(i), pointer + "/" + i);
        if (found.isPresent()) {
          return found;
        }
      }
    } else if (node.isNumber() && !node.isIntegralNumber()
        && plainLength(node.decimalValue()) > MAX_PLAIN_LENGTH) {
      return Optional.of(pointer);
    }
    return Optional.empty();
  }

  /** The length of {@code value.stripTrailingZeros().toPlainString()}, without building it. */
  public static long plainLength(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    long precision = stripped.precision();
    long scale = stripped.scale();
    long sign = stripped.signum() < 0 ? 1 : 0;
    if (scale <= 0) {
      return sign + precision - scale;
    }
    return sign + (scale >= precision ? 2 + scale : precision + 1);
  }
}
