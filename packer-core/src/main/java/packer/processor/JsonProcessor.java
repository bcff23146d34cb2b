package packer.processor;

import packer.json.Utf8;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import packer.json.CanonicalJson;
import packer.json.JsonDocument;
import packer.json.JsonSyntaxException;
import packer.json.Located;

/**
 * Type {@code json}: one JSON file, parsed strictly and written in canonical compact form.
 *
 * <p>Strict: the file must be UTF-8 (a leading byte order mark is allowed and dropped) and hold
 * exactly one JSON value per RFC 8259; duplicate keys, trailing data, comments, trailing commas,
 * {@code NaN}, leading zeros and nesting deeper than {@value JsonDocument#MAX_DEPTH} levels are
 * errors at their line and column (columns count characters).
 *
 * <p>The entry is the value in canonical form, as {@link CanonicalJson#compact} writes it: no
 * whitespace, object keys sorted by their UTF-8 bytes, strings as UTF-8 with only {@code "}, {@code
 * \} and control characters escaped (except characters beyond U+FFFF, which Jackson writes as an
 * escaped surrogate pair, <code>&#92;uD83D&#92;uDE00</code>), numbers in plain decimal without trailing zeros (so {@code
 * 1.50} becomes {@code 1.5}, {@code 1e2} and {@code 1.0} become {@code 100} and {@code 1}, {@code
 * -0} becomes {@code 0}). A number whose plain form would exceed 1000 characters is an error. Unlike
 * the JSON files packer writes for people, the entry has no final newline: it is one value, ready
 * to parse or embed. No params.
 */
final class JsonProcessor implements Processor {

  static final String TYPE = "json";
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
    InputFile file = input.onlyFile();
    byte[] bytes = file.sharedBytes();
    int bad = Utf8.firstMalformed(bytes);
    if (bad >= 0) {
      throw ProcessingException.atByte(file.path(), bad, Utf8.lineAt(bytes, bad),
          Utf8.columnAt(bytes, bad), Utf8.describeMalformed(bytes, bad));
    }
    checkNoNul(file.path(), bytes);
    checkNotBlank(file.path(), bytes);
    JsonDocument document;
    try {
      document = JsonDocument.parse(bytes);
    } catch (JsonSyntaxException e) {
      throw ProcessingException.at(file.path(), e.line(), e.column(), e.getMessage() + "; fix the JSON syntax");
    }
    byte[] canonical = CanonicalJson.compact(document.root());
    return Arrays.copyOf(canonical, canonical.length - 1);
  }

  /**
   * JSON never holds a raw NUL, and Jackson would take NULs near the start as a sign of UTF-16 or
   * UTF-32 and decode the file as such; packer reads JSON as UTF-8 only.
   */
  private static void checkNoNul(String path, byte[] bytes) throws ProcessingException {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw ProcessingException.atByte(path, i, Utf8.lineAt(bytes, i), Utf8.columnAt(bytes, i),
            "a NUL byte is not allowed in JSON; if the file is UTF-16 or UTF-32, save it as UTF-8");
      }
    }
  }

  private static void checkNotBlank(String path, byte[] bytes) throws ProcessingException {
    for (int i = Utf8.startsWithBom(bytes) ? 3 : 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return;
      }
    }
    throw ProcessingException.inFile(path, "the file is empty; a json asset holds one JSON value");
  }
}
