package packer.processor.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import packer.processor.ParamProblem;
import packer.processor.Processor;
import packer.processor.ProcessorInput;

/** A plugin that claims the built-in type {@code text}, which packer must refuse. */
public final class AnotherText implements Processor {

  @Override
  public String type() {
    return "text";
  }

  @Override
  public int version() {
    return 7;
  }

  @Override
  public List<ParamProblem> checkParams(JsonNode params) {
    return List.of();
  }

  @Override
  public byte[] process(ProcessorInput input) {
    return new byte[0];
  }
}
