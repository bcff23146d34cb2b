package packer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** What one packer run did: its exit code and everything it printed. */
record CliResult(String command, int code, String out, String err) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Stdout parsed as JSON, for runs with {@code --json}. */
  JsonNode json() {
    try {
      return JSON.readTree(out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("stdout of 'packer " + command + "' is not JSON:\n" + out, e);
    }
  }

  /** Stdout, one entry per line. */
  List<String> outLines() {
    return out.lines().toList();
  }

  /** The values of {@code field} in a JSON array printed on stdout, in order. */
  List<String> jsonField(String field) {
    List<String> values = new ArrayList<>();
    for (JsonNode node : json()) {
      values.add(node.get(field).isNull() ? null : node.get(field).asText());
    }
    return values;
  }

  @Override
  public String toString() {
    return "packer " + command + " -> exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
