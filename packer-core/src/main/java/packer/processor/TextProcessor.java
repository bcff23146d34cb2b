package packer.processor;

import packer.json.Utf8;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;

/**
 * Type {@code text}: one UTF-8 text file, normalized so the entry is the same whichever editor or
 * platform saved it.
 *
 * <ul>
 *   <li>The input must be well-formed UTF-8 (no overlong forms, no encoded surrogates); otherwise
 *       the error names the byte offset, line and column of the first bad byte.
 *   <li>A byte order mark at the start is removed.
 *   <li>{@code \r\n} and a lone {@code \r} become {@code \n}. Nothing else changes: no Unicode
 *       normalization, trailing spaces and other line separators (U+2028, U+0085) kept.
 *   <li>Param {@code "finalNewline"} (default {@code true}): when true, text that does not end with
 *       {@code \n} gets one (empty text stays empty); when false, one final {@code \n}, if there is
 *       one, is removed. Blank lines before it are content and stay either way, so {@code
 *       "a\n\n"} is kept by true and becomes {@code "a\n"} with false.
 * </ul>
 *
 * <p>The entry is the resulting UTF-8 bytes.
 */
final class TextProcessor implements Processor {

  static final String TYPE = "text";
  static final String FINAL_NEWLINE = "finalNewline";
  private static final ParamSchema PARAMS = ParamSchema.none(TYPE).flag(FINAL_NEWLINE, true);

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
    JsonNode params = input.params();
    PARAMS.requireValid(params);
    boolean finalNewline = PARAMS.flag(params, FINAL_NEWLINE);
    InputFile file = input.onlyFile();
    byte[] in = file.sharedBytes();
    int bad = Utf8.firstMalformed(in);
    if (bad >= 0) {
      throw ProcessingException.atByte(file.path(), bad, Utf8.lineAt(in, bad),
          Utf8.columnAt(in, bad), Utf8.describeMalformed(in, bad));
    }
    return normalize(in, finalNewline);
  }

  /** CR and CRLF as LF, without the BOM; UTF-8 never has 0x0A or 0x0D inside a sequence. */
  private static byte[] normalize(byte[] in, boolean finalNewline) {
    byte[] out = new byte[in.length + 1];
    int length = 0;
    for (int i = Utf8.startsWithBom(in) ? 3 : 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '\r') {
        out[length++] = '\n';
        if (i + 1 < in.length && in[i + 1] == '\n') {
          i++;
        }
      } else {
        out[length++] = b;
      }
    }
    boolean endsWithNewline = length > 0 && out[length - 1] == '\n';
    if (finalNewline && length > 0 && !endsWithNewline) {
      out[length++] = '\n';
    } else if (!finalNewline && endsWithNewline) {
      length--;
    }
    return Arrays.copyOf(out, length);
  }
}
