package packer.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageParamsTest {

  private final Processor image = new ImageProcessor();

  @Test
  void noParamsAndEveryValidCombinationAreFine() {
    assertThat(image.checkParams(Inputs.json("{}"))).isEmpty();
    for (String format : new String[] {"rgba8", "rgb8", "gray8"}) {
      assertThat(image.checkParams(Inputs.json("{\"format\": \"" + format + "\", \"premultiplied\": false}"))).isEmpty();
    }
    assertThat(image.checkParams(Inputs.json("{\"format\": \"rgba8\", \"premultiplied\": true}"))).isEmpty();
  }

  @Test
  void anUnknownFormatListsTheChoices() {
    assertThat(image.checkParams(Inputs.json("{\"format\": \"rgba\"}")))
        .containsExactly(new ParamProblem("/format",
            "\"format\" must be one of \"rgba8\", \"rgb8\", \"gray8\", not \"rgba\""));
  }

  @Test
  void aFormatThatIsNotAStringIsAProblem() {
    assertThat(image.checkParams(Inputs.json("{\"format\": 8}")))
        .extracting(ParamProblem::message)
        .containsExactly("\"format\" must be one of \"rgba8\", \"rgb8\", \"gray8\", not 8");
  }

  @Test
  void formatNamesAreCaseSensitive() {
    assertThat(image.checkParams(Inputs.json("{\"format\": \"RGBA8\"}"))).hasSize(1);
  }

  @Test
  void premultipliedMustBeABoolean() {
    assertThat(image.checkParams(Inputs.json("{\"premultiplied\": 1}")))
        .containsExactly(new ParamProblem("/premultiplied", "\"premultiplied\" must be true or false, not 1"));
  }

  @Test
  void premultipliedNeedsAFormatWithAlpha() {
    assertThat(image.checkParams(Inputs.json("{\"format\": \"rgb8\", \"premultiplied\": true}")))
        .containsExactly(new ParamProblem("/premultiplied", "\"premultiplied\" needs an alpha channel,"
            + " and format \"rgb8\" has none: use format \"rgba8\" or remove \"premultiplied\""));
  }

  @Test
  void aMisspelledParamSuggestsTheKnownOne() {
    assertThat(image.checkParams(Inputs.json("{\"fromat\": \"rgb8\"}")))
        .containsExactly(new ParamProblem("/fromat", "unknown param \"fromat\" for type image;"
            + " did you mean \"format\"? Known params: format, premultiplied"));
  }

  @Test
  void everyProblemIsReportedInKeyOrder() {
    assertThat(image.checkParams(Inputs.json("{\"z\": 1, \"premultiplied\": null, \"format\": []}")))
        .extracting(ParamProblem::pointer)
        .containsExactly("/format", "/premultiplied", "/z");
  }

  @Test
  void processingWithUncheckedParamsIsTheCallersBug() {
    byte[] png = Images.png(Images.rgba2x2());

    assertThatThrownBy(() -> Images.process(png, "{\"format\": \"rgb8\", \"premultiplied\": true}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
