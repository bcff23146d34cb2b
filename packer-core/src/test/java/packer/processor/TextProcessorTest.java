package packer.processor;

import packer.json.Utf8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TextProcessorTest {

  private final Processor text = new TextProcessor();

  private String process(String content) throws ProcessingException {
    return Inputs.utf8(text.process(Inputs.of("notes.txt", content).build()));
  }

  private String process(String content, String params) throws ProcessingException {
    return Inputs.utf8(text.process(Inputs.of("notes.txt", content).params(params).build()));
  }

  private ProcessingException failure(byte[] content) {
    try {
      text.process(Inputs.of("notes.txt", content).build());
    } catch (ProcessingException e) {
      return e;
    }
    throw new AssertionError("expected a ProcessingException");
  }

  @Test
  void isTypeTextVersionOne() {
    assertThat(text.type()).isEqualTo("text");
    assertThat(text.version()).isEqualTo(1);
  }

  @Test
  void wellFormedUtf8WithAFinalNewlinePassesUnchanged() throws Exception {
    assertThat(process("h\u00e9llo \uD83D\uDE00\t \n\u2028x\n")).isEqualTo("h\u00e9llo \uD83D\uDE00\t \n\u2028x\n");
  }

  @Test
  void aByteOrderMarkAtTheStartIsRemoved() throws Exception {
    assertThat(process("\uFEFFtitle\n")).isEqualTo("title\n");
  }

  @Test
  void aByteOrderMarkElsewhereIsContentAndStays() throws Exception {
    assertThat(process("a\uFEFFb\n")).isEqualTo("a\uFEFFb\n");
  }

  @Test
  void crlfBecomesLf() throws Exception {
    assertThat(process("a\r\nb\r\n")).isEqualTo("a\nb\n");
  }

  @Test
  void aLoneCrBecomesLf() throws Exception {
    assertThat(process("a\rb\r\r\nc\n")).isEqualTo("a\nb\n\nc\n");
  }

  @Test
  void aFinalNewlineIsAddedByDefault() throws Exception {
    assertThat(process("last line")).isEqualTo("last line\n");
  }

  @Test
  void aFinalCrBecomesTheFinalNewline() throws Exception {
    assertThat(process("a\r")).isEqualTo("a\n");
  }

  @Test
  void emptyTextStaysEmpty() throws Exception {
    assertThat(process("")).isEmpty();
    assertThat(process("\uFEFF")).isEmpty();
  }

  @Test
  void blankLinesAtTheEndAreContentAndStay() throws Exception {
    assertThat(process("a\n\n")).isEqualTo("a\n\n");
  }

  @Test
  void finalNewlineFalseRemovesOneFinalNewline() throws Exception {
    assertThat(process("1.2.3\r\n", "{\"finalNewline\": false}")).isEqualTo("1.2.3");
    assertThat(process("a\n\n", "{\"finalNewline\": false}")).isEqualTo("a\n");
  }

  @Test
  void finalNewlineFalseKeepsTextThatHasNone() throws Exception {
    assertThat(process("1.2.3", "{\"finalNewline\": false}")).isEqualTo("1.2.3");
  }

  @Test
  void finalNewlineTrueIsTheDefault() throws Exception {
    assertThat(process("a", "{\"finalNewline\": true}")).isEqualTo(process("a"));
  }

  @Test
  void malformedUtf8IsReportedAtItsByteLineAndColumn() {
    byte[] content = bytes("line one\r\nd\u00e9j\u00e0 ", 0xE9, 't', 'e', '\n');

    ProcessingException e = failure(content);

    assertThat(e.path()).contains("notes.txt");
    assertThat(e.byteOffset()).hasValue(17);
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(6);
    assertThat(e.getMessage()).isEqualTo("not valid UTF-8 at byte 17 (bytes 0xE9 0x74 0x65 0x0A);"
        + " save the file as UTF-8 (it may be Windows-1252 or Latin-1)");
  }

  @Test
  void aByteOrderMarkIsNotCountedAsAColumn() {
    ProcessingException e = failure(bytes("\uFEFFab", 0xFF));

    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.byteOffset()).hasValue(5);
  }

  @Test
  void aSequenceCutShortAtTheEndIsReported() {
    ProcessingException e = failure(bytes("ok ", 0xE2, 0x82));

    assertThat(e.byteOffset()).hasValue(3);
    assertThat(e.getMessage()).contains("cut short");
  }

  @Test
  void anOverlongEncodingIsRejected() {
    assertThat(failure(bytes("", 0xC0, 0xAF)).byteOffset()).hasValue(0);
    assertThat(failure(bytes("", 0xE0, 0x80, 0xAF)).byteOffset()).hasValue(0);
  }

  @Test
  void anEncodedSurrogateIsRejected() {
    assertThat(failure(bytes("x", 0xED, 0xA0, 0x80)).byteOffset()).hasValue(1);
  }

  @Test
  void aCodePointBeyondUnicodeIsRejected() {
    assertThat(failure(bytes("", 0xF4, 0x90, 0x80, 0x80)).byteOffset()).hasValue(0);
  }

  @Test
  void utf16IsRecognizedAndTheFixIsToSaveAsUtf8() {
    byte[] utf16 = "\uFEFFhi".getBytes(StandardCharsets.UTF_16LE);

    assertThat(failure(utf16).getMessage()).contains("the file is UTF-16", "save it as UTF-8");
  }

  @Test
  void finalNewlineMustBeABoolean() {
    assertThat(text.checkParams(Inputs.json("{\"finalNewline\": \"yes\"}")))
        .containsExactly(new ParamProblem("/finalNewline",
            "\"finalNewline\" must be true or false, not \"yes\""));
  }

  @Test
  void anUnknownParamIsAProblemThatSuggestsTheNearestKnownOne() {
    assertThat(text.checkParams(Inputs.json("{\"finalnewline\": false}")))
        .containsExactly(new ParamProblem("/finalnewline", "unknown param \"finalnewline\" for"
            + " type text; did you mean \"finalNewline\"? Known params: finalNewline"));
  }

  @Test
  void anUnknownParamFarFromAnyKnownOneListsThemAll() {
    assertThat(text.checkParams(Inputs.json("{\"encoding\": \"latin1\"}")))
        .extracting(ParamProblem::message)
        .containsExactly("unknown param \"encoding\" for type text; known params: finalNewline");
  }

  @Test
  void paramsThatAreNotAnObjectShowAnExample() {
    assertThat(text.checkParams(Inputs.json("true")))
        .containsExactly(new ParamProblem("", "\"params\" must be an object, e.g. {\"finalNewline\": true}"));
  }

  @Property
  void theOutputHasNoCarriageReturnAndIsWellFormedUtf8(@ForAll String content, @ForAll boolean finalNewline)
      throws Exception {
    byte[] out = text.process(Inputs.of("t.txt", content).params("{\"finalNewline\": " + finalNewline + "}").build());

    assertThat(out).doesNotContain((byte) '\r');
    assertThat(Utf8.firstMalformed(out)).isEqualTo(-1);
  }

  @Property
  void processingTwiceChangesNothingMore(@ForAll String content, @ForAll boolean finalNewline) throws Exception {
    String params = "{\"finalNewline\": " + finalNewline + "}";
    byte[] once = text.process(Inputs.of("t.txt", content).params(params).build());

    assertThat(text.process(Inputs.of("t.txt", once).params(params).build())).isEqualTo(once);
  }

  /** The hand-written check agrees with the JDK's strict decoder on where UTF-8 first goes wrong. */
  @Property
  void malformedOffsetsAgreeWithTheJdkDecoder(@ForAll String content, @ForAll byte[] noise, @ForAll int at) {
    byte[] valid = content.getBytes(StandardCharsets.UTF_8);
    int cut = Math.floorMod(at, valid.length + 1);
    byte[] mixed = new byte[valid.length + noise.length];
    System.arraycopy(valid, 0, mixed, 0, cut);
    System.arraycopy(noise, 0, mixed, cut, noise.length);
    System.arraycopy(valid, cut, mixed, cut + noise.length, valid.length - cut);

    assertThat(Utf8.firstMalformed(mixed)).isEqualTo(jdkFirstMalformed(mixed));
  }

  private static int jdkFirstMalformed(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      decoder.decode(in);
      return -1;
    } catch (MalformedInputException e) {
      return in.position();
    } catch (CharacterCodingException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(String prefix, int... more) {
    byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[start.length + more.length];
    System.arraycopy(start, 0, all, 0, start.length);
    for (int i = 0; i < more.length; i++) {
      all[start.length + i] = (byte) more[i];
    }
    return all;
  }
}
