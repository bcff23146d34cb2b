package packer.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlobProcessorTest {

  private final Processor blob = new BlobProcessor();

  @Test
  void isTypeBlobVersionOne() {
    assertThat(blob.type()).isEqualTo("blob");
    assertThat(blob.version()).isEqualTo(1);
  }

  @Test
  void theEntryIsTheInputBytesAsTheyAre() throws Exception {
    byte[] bytes = {0, (byte) 0xFF, '\r', '\n', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    assertThat(blob.process(Inputs.of("data.bin", bytes).build())).isEqualTo(bytes);
  }

  @Test
  void anEmptyFileGivesAnEmptyEntry() throws Exception {
    assertThat(blob.process(Inputs.of("empty.bin", new byte[0]).build())).isEmpty();
  }

  @Test
  void severalInputsAreRefusedNamingThem() {
    assertThatThrownBy(() -> blob.process(Inputs.of("a.bin", "1").and("b.bin", "2").build()))
        .isInstanceOfSatisfying(ProcessingException.class, e -> {
          assertThat(e.path()).isEmpty();
          assertThat(e.getMessage()).contains("a.bin, b.bin");
        });
  }

  @Test
  void noInputIsRefused() {
    assertThatThrownBy(() -> blob.process(Inputs.none().build()))
        .isInstanceOf(ProcessingException.class)
        .hasMessageContaining("has none");
  }

  @Test
  void emptyParamsAreFine() {
    assertThat(blob.checkParams(Inputs.json("{}"))).isEmpty();
  }

  @Test
  void anyParamIsAProblemAtItsKey() {
    assertThat(blob.checkParams(Inputs.json("{\"compress\": true, \"a/b\": 1}")))
        .containsExactly(
            new ParamProblem("/a~1b", "type blob takes no params; remove \"a/b\""),
            new ParamProblem("/compress", "type blob takes no params; remove \"compress\""));
  }

  @Test
  void paramsThatAreNotAnObjectAreAProblemOfTheWholeParams() {
    assertThat(blob.checkParams(Inputs.json("[1]")))
        .containsExactly(new ParamProblem("", "type blob takes no params; remove \"params\""));
  }

  @Test
  void processingWithUncheckedParamsIsTheCallersBug() {
    assertThatThrownBy(() -> blob.process(Inputs.of("a.bin", "x").params("{\"x\": 1}").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
