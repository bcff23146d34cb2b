package com.acme.packer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import packer.processor.InputFile;
import packer.processor.ParamProblem;
import packer.processor.ProcessingException;
import packer.processor.Processor;
import packer.processor.ProcessorInput;

/** Type acme.shout: one UTF-8 text file, upper-cased; with "exclaim": true, a '!' added. */
public final class ShoutText implements Processor {

  @Override
  public String type() {
    return "acme.shout"; // a prefix of your own keeps clear of packer's future types
  }

  @Override
  public int version() {
    return 1; // bump it whenever the output for some input changes: caches key on it
  }

  @Override
  public List<ParamProblem> checkParams(JsonNode params) {
    List<ParamProblem> problems = new ArrayList<>();
    params.fieldNames().forEachRemaining(key -> {
      if (!key.equals("exclaim")) {
        problems.add(ParamProblem.at(key, "unknown param \"" + key + "\"; acme.shout takes \"exclaim\""));
      } else if (!params.get(key).isBoolean()) {
        problems.add(ParamProblem.at(key, "\"exclaim\" must be true or false"));
      }
    });
    return problems;
  }

  @Override
  public byte[] process(ProcessorInput input) throws ProcessingException {
    InputFile file = input.onlyFile(); // the declared inputs' bytes: never read files yourself
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(file.buffer()).toString();
    } catch (CharacterCodingException e) {
      throw ProcessingException.inFile(file.path(), "not UTF-8 text; save it as UTF-8");
    }
    String shout = text.toUpperCase(Locale.ROOT); // never the machine's locale: the same bytes everywhere
    if (input.params().path("exclaim").asBoolean(false)) {
      shout += "!";
    }
    return shout.getBytes(StandardCharsets.UTF_8);
  }
}
