package packer.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import packer.path.PathOrder;

/**
 * JSON as packer writes it: UTF-8, {@code \n} line ends, a final newline, numbers as written.
 *
 * <p>{@link #compact} sorts keys by their UTF-8 bytes: the canonical form for registry records and
 * anything hashed. {@link #pretty} keeps the key order of the node, for files people edit.
 */
public final class CanonicalJson {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private CanonicalJson() {}

  public static byte[] compact(JsonNode node) {
    return write(node, false, true);
  }

  public static byte[] pretty(JsonNode node) {
    return write(node, true, false);
  }

  private static byte[] write(JsonNode node, boolean pretty, boolean sortKeys) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      if (pretty) {
        DefaultPrettyPrinter printer =
            new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withSpacesInObjectEntries();
        generator.setPrettyPrinter(new NoSpaceBeforeColon(printer));
      }
      writeNode(generator, node, sortKeys);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static void writeNode(JsonGenerator out, JsonNode node, boolean sortKeys)
      throws IOException {
    if (node.isObject()) {
      out.writeStartObject();
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      if (sortKeys) {
        names.sort(PathOrder.COMPARATOR);
      }
      for (String name : names) {
        out.writeFieldName(name);
        writeNode(out, node.get(name), sortKeys);
      }
      out.writeEndObject();
    } else if (node.isArray()) {
      out.writeStartArray();
      for (JsonNode element : node) {
        writeNode(out, element, sortKeys);
      }
      out.writeEndArray();
    } else if (node.isTextual()) {
      out.writeString(node.textValue());
    } else if (node.isIntegralNumber()) {
      out.writeNumber(node.bigIntegerValue());
    } else if (node.isNumber()) {
      out.writeNumber(node.decimalValue().stripTrailingZeros().toPlainString());
    } else if (node.isBoolean()) {
      out.writeBoolean(node.booleanValue());
    } else {
      out.writeNull();
    }
  }

  /** Jackson's default printer writes {@code "key" : value}; people write {@code "key": value}. */
  private static final class NoSpaceBeforeColon extends DefaultPrettyPrinter {
    NoSpaceBeforeColon(DefaultPrettyPrinter base) {
      super(base);
      _objectFieldValueSeparatorWithSpaces = ": ";
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new NoSpaceBeforeColon(this);
    }

    @Override
    public void writeEndArray(JsonGenerator generator, int values) throws IOException {
      if (values == 0) {
        _nesting--; // An empty array is written "[]", not "[ ]".
        generator.writeRaw(']');
      } else {
        super.writeEndArray(generator, values);
      }
    }

    @Override
    public void writeEndObject(JsonGenerator generator, int entries) throws IOException {
      if (entries == 0) {
        _nesting--;
        generator.writeRaw('}');
      } else {
        super.writeEndObject(generator, entries);
      }
    }
  }
}
