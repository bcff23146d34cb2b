package packer.processor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import packer.path.PathOrder;

/**
 * The params a built-in type accepts, each optional with a default: checks them and reads them.
 *
 * <p>Immutable: {@link #flag} and {@link #choice} return a schema with one more param.
 */
final class ParamSchema {

  private static final int MAX_SHOWN_VALUE = 40;

  private sealed interface Param permits Flag, Choice {}

  private record Flag(boolean defaultValue) implements Param {}

  /** {@code values.get(0)} is the default. */
  private record Choice(List<String> values) implements Param {}

  private final String type;
  private final SortedMap<String, Param> params;

  private ParamSchema(String type, SortedMap<String, Param> params) {
    this.type = type;
    this.params = params;
  }

  /** The schema of {@code type} with no params at all. */
  static ParamSchema none(String type) {
    return new ParamSchema(type, new TreeMap<>(PathOrder.COMPARATOR));
  }

  /** This schema plus the boolean param {@code key}. */
  ParamSchema flag(String key, boolean defaultValue) {
    return with(key, new Flag(defaultValue));
  }

  /** This schema plus the string param {@code key}, one of {@code values}, the first the default. */
  ParamSchema choice(String key, String defaultValue, String... others) {
    List<String> values = new ArrayList<>();
    values.add(defaultValue);
    values.addAll(List.of(others));
    return with(key, new Choice(List.copyOf(values)));
  }

  private ParamSchema with(String key, Param param) {
    SortedMap<String, Param> more = new TreeMap<>(params);
    more.put(key, param);
    return new ParamSchema(type, more);
  }

  /** Every problem with {@code params}, in key order. */
  List<ParamProblem> check(JsonNode params) {
    List<ParamProblem> problems = new ArrayList<>();
    if (params == null || !params.isObject()) {
      problems.add(ParamProblem.ofParams(this.params.isEmpty()
          ? "type " + type + " takes no params; remove \"params\""
          : "\"params\" must be an object, e.g. " + example()));
      return problems;
    }
    SortedMap<String, JsonNode> given = new TreeMap<>(PathOrder.COMPARATOR);
    for (Map.Entry<String, JsonNode> field : params.properties()) {
      given.put(field.getKey(), field.getValue());
    }
    for (Map.Entry<String, JsonNode> field : given.entrySet()) {
      String key = field.getKey();
      Param param = this.params.get(key);
      if (param == null) {
        problems.add(ParamProblem.at(key, unknown(key)));
      } else if (param instanceof Flag && !field.getValue().isBoolean()) {
        problems.add(ParamProblem.at(key,
            "\"" + key + "\" must be true or false, not " + shown(field.getValue())));
      } else if (param instanceof Choice choice
          && !(field.getValue().isTextual() && choice.values().contains(field.getValue().textValue()))) {
        problems.add(ParamProblem.at(key,
            "\"" + key + "\" must be one of " + quoted(choice.values()) + ", not "
                + shown(field.getValue())));
      }
    }
    return problems;
  }

  /** The value of the flag {@code key} in checked {@code params}, or its default. */
  boolean flag(JsonNode params, String key) {
    Flag flag = (Flag) params(key);
    JsonNode value = params.get(key);
    return value == null ? flag.defaultValue() : value.booleanValue();
  }

  /** The value of the choice {@code key} in checked {@code params}, or its default. */
  String choice(JsonNode params, String key) {
    Choice choice = (Choice) params(key);
    JsonNode value = params.get(key);
    return value == null ? choice.values().get(0) : value.textValue();
  }

  /**
   * Throws unless {@code params} pass {@link #check}: processors are only called with checked
   * params, so a problem here is the caller's bug.
   */
  void requireValid(JsonNode params) {
    List<ParamProblem> problems = check(params);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "params of a " + type + " asset were not checked: " + problems.get(0).message());
    }
  }

  private Param params(String key) {
    Param param = params.get(key);
    if (param == null) {
      throw new IllegalArgumentException("type " + type + " has no param " + key);
    }
    return param;
  }

  private String unknown(String key) {
    if (params.isEmpty()) {
      return "type " + type + " takes no params; remove \"" + key + "\"";
    }
    StringBuilder message = new StringBuilder("unknown param \"" + key + "\" for type " + type);
    String near = nearest(key);
    if (near != null) {
      message.append("; did you mean \"").append(near).append("\"? Known params: ");
    } else {
      message.append("; known params: ");
    }
    return message.append(String.join(", ", params.keySet())).toString();
  }

  private String nearest(String key) {
    String best = null;
    int bestDistance = 3;
    for (String known : params.keySet()) {
      int distance = known.equalsIgnoreCase(key) ? 0 : editDistance(known, key);
      if (distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private String example() {
    StringBuilder example = new StringBuilder("{");
    for (Map.Entry<String, Param> param : params.entrySet()) {
      example.append(example.length() == 1 ? "" : ", ").append('"').append(param.getKey()).append("\": ");
      if (param.getValue() instanceof Flag flag) {
        example.append(flag.defaultValue());
      } else if (param.getValue() instanceof Choice choice) {
        example.append('"').append(choice.values().get(0)).append('"');
      }
    }
    return example.append('}').toString();
  }

  private static String quoted(List<String> values) {
    List<String> quoted = new ArrayList<>();
    for (String value : values) {
      quoted.add("\"" + value + "\"");
    }
    return String.join(", ", quoted);
  }

  private static String shown(JsonNode value) {
    String text = value.toString();
    return text.length() <= MAX_SHOWN_VALUE ? text : text.substring(0, MAX_SHOWN_VALUE) + "...";
  }
}
