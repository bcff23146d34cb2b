package packer.processor;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds processor inputs for tests: {@code Inputs.of("a.txt", "hi").params("{}")}. */
final class Inputs {

  private final List<InputFile> files = new ArrayList<>();
  private String params = "{}";

  private Inputs() {}

  static Inputs none() {
    return new Inputs();
  }

  static Inputs of(String path, byte[] bytes) {
    return new Inputs().and(path, bytes);
  }

  static Inputs of(String path, String utf8) {
    return of(path, utf8.getBytes(StandardCharsets.UTF_8));
  }

  Inputs and(String path, byte[] bytes) {
    files.add(InputFile.of(path, bytes));
    return this;
  }

  Inputs and(String path, String utf8) {
    return and(path, utf8.getBytes(StandardCharsets.UTF_8));
  }

  Inputs params(String json) {
    this.params = json;
    return this;
  }

  ProcessorInput build() {
    return ProcessorInput.of(files, params);
  }

  static JsonNode json(String json) {
    try {
      return packer.json.JsonDocument.parse(json.getBytes(StandardCharsets.UTF_8)).root();
    } catch (packer.json.JsonSyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
