package packer.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON text parsed strictly (duplicate keys, trailing data and deep nesting rejected), with the
 * line and column of every value kept by its JSON Pointer, so diagnostics point at the right spot.
 */
public final class JsonDocument {

  public static final int MAX_DEPTH = 64;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .build();

  private final JsonNode root;
  private final Map<String, Located> keyPositions;
  private final Map<String, Located> valuePositions;

  private final byte[] source;

  private JsonDocument(JsonNode root, Map<String, Located> keys, Map<String, Located> values, byte[] source) {
    this.root = root;
    this.source = source;
    this.keyPositions = keys;
    this.valuePositions = values;
  }

  /**
   * Parses {@code bytes} as one UTF-8 JSON value.
   *
   * @throws JsonSyntaxException with the line and column of the first error
   */
  public static JsonDocument parse(byte[] bytes) throws JsonSyntaxException {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      Map<String, Located> keys = new TreeMap<>();
      Map<String, Located> values = new TreeMap<>();
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new JsonSyntaxException("the file is empty; it must hold one JSON object", 1, 1);
      }
      JsonNode root = readValue(parser, "", keys, values);
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        throw new JsonSyntaxException(
            "unexpected data after the JSON value", at.getLineNr(), at.getColumnNr());
      }
      return new JsonDocument(root, keys, values, bytes);
    } catch (JsonSyntaxException inBytes) {
      throw new JsonSyntaxException(inBytes.getMessage(), inBytes.line(),
          charColumn(bytes, inBytes.line(), inBytes.column()));
    } catch (StreamConstraintsException limit) {
      JsonLocation at = limit.getLocation();
      int line = at == null ? 1 : Math.max(1, at.getLineNr());
      int column = at == null ? 1 : charColumn(bytes, line, at.getColumnNr());
      throw new JsonSyntaxException("the JSON exceeds a limit (" + limit.getOriginalMessage() + ")", line, column);
    } catch (JsonParseException e) {
      JsonLocation at = e.getLocation();
      int line = at == null ? 1 : Math.max(1, at.getLineNr());
      int column = at == null ? 1 : charColumn(bytes, line, at.getColumnNr());
      throw new JsonSyntaxException(e.getOriginalMessage(), line, column);
    } catch (IOException e) {
      throw new JsonSyntaxException("unreadable JSON: " + e.getMessage(), 1, 1);
    }
  }

  private static JsonNode readValue(
      JsonParser parser, String pointer, Map<String, Located> keys, Map<String, Located> values)
      throws IOException, JsonSyntaxException {
    values.put(pointer, location(parser.currentTokenLocation()));
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT: {
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          String child = pointer + "/" + escape(name);
          keys.put(child, location(parser.currentTokenLocation()));
          parser.nextToken();
          object.set(name, readValue(parser, child, keys, values));
        }
        return object;
      }
      case START_ARRAY: {
        ArrayNode array = nodes.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(readValue(parser, pointer + "/" + index, keys, values));
          index++;
        }
        return array;
      }
      case VALUE_STRING:
        return nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return nodes.numberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT: {
        java.math.BigDecimal value = parser.getDecimalValue();
        if (JsonNumbers.plainLength(value) > JsonNumbers.MAX_PLAIN_LENGTH) {
          JsonLocation at = parser.currentTokenLocation();
          throw new JsonSyntaxException("the number " + parser.getText() + " would take more than "
              + JsonNumbers.MAX_PLAIN_LENGTH + " digits written out; use a smaller exponent",
              at.getLineNr(), at.getColumnNr());
        }
        return nodes.numberNode(value);
      }
      case VALUE_TRUE:
        return nodes.booleanNode(true);
      case VALUE_FALSE:
        return nodes.booleanNode(false);
      case VALUE_NULL:
        return nodes.nullNode();
      default:
        JsonLocation at = parser.currentTokenLocation();
        throw new JsonSyntaxException("unexpected " + token, at.getLineNr(), at.getColumnNr());
    }
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static Located location(JsonLocation at) {
    return new Located(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
  }

  public JsonNode root() {
    return root;
  }

  /** Where the key at {@code pointer} (e.g. {@code /inputs}) starts, or where its value does. */
  public Located keyAt(String pointer) {
    Located key = keyPositions.get(pointer);
    return key != null ? inCharacters(key) : valueAt(pointer);
  }

  /** Where the value at {@code pointer} starts; the document start when unknown. */
  public Located valueAt(String pointer) {
    return inCharacters(valuePositions.getOrDefault(pointer, new Located(1, 1)));
  }

  /** Jackson counts columns in bytes of UTF-8 input; people and editors count characters. */
  private Located inCharacters(Located inBytes) {
    return new Located(inBytes.line(), charColumn(source, inBytes.line(), inBytes.column()));
  }

  private static int charColumn(byte[] bytes, int line, int byteColumn) {
    return Math.max(1, Utf8.columnFromByteColumn(bytes, line, byteColumn));
  }
}
