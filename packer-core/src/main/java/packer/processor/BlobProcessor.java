package packer.processor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Type {@code blob}: the entry is the bytes of the asset's one input file, as they are.
 *
 * <p>Exactly one input: with several, no order or framing of them would be obvious to the game
 * that reads the entry, so that is an error. No params.
 */
final class BlobProcessor implements Processor {

  static final String TYPE = "blob";
  private static final ParamSchema PARAMS = ParamSchema.none(TYPE);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<ParamProblem> checkParams(JsonNode params) {
    return PARAMS.check(params);
  }

  @Override
  public byte[] process(ProcessorInput input) throws ProcessingException {
    PARAMS.requireValid(input.params());
    return input.onlyFile().bytes();
  }

  @Override
  public boolean passesItsOnlyInputThrough() {
    return true;
  }
}
