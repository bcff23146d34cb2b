package packer.processor.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import packer.processor.InputFile;
import packer.processor.ParamProblem;
import packer.processor.ProcessingException;
import packer.processor.Processor;
import packer.processor.ProcessorInput;

/**
 * The example plugin type {@code upper}: one UTF-8 text file, upper-cased the same way in every
 * locale. It uses only the public API, as a plugin in its own jar would, and is registered in
 * {@code plugins/upper/META-INF/services/packer.processor.Processor} (a plugin root, not the test
 * class path, so it does not leak into other tests).
 */
public final class UpperCaseText implements Processor {

  @Override
  public String type() {
    return "upper";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<ParamProblem> checkParams(JsonNode params) {
    List<ParamProblem> problems = new ArrayList<>();
    for (Iterator<String> keys = params.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      problems.add(ParamProblem.at(key, "type upper takes no params; remove \"" + key + "\""));
    }
    return problems;
  }

  @Override
  public byte[] process(ProcessorInput input) throws ProcessingException {
    InputFile file = input.onlyFile();
    String text = new String(file.bytes(), StandardCharsets.UTF_8);
    // Locale.ROOT: in the Turkish locale "title" would otherwise become "T\u0130TLE".
    return text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
  }
}
