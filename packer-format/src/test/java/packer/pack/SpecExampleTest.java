package packer.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins the worked example of docs/pack-format.md to the writer's real output, so the spec and the
 * code cannot drift apart. After a deliberate format change, regenerate the blocks with {@code
 * mvn -o test -pl packer-format -Dtest=SpecExampleTest -Dpacker.updateSpec=true} and review the
 * diff.
 */
class SpecExampleTest {

  /** A change here is a format change: bump the version and say so in the spec. */
  static final String EXAMPLE_SHA256 =
      "b29aa919232f75dcf6444d88d2a920fdce611599a33abb81d244161a75d4cedd";

  private static final Path SPEC = Path.of("..", "docs", "pack-format.md");

  private final byte[] example = Packs.bytes(16, Packs.specExample());

  @Test
  void theExamplePackHasItsGoldenHash() {
    assertThat(Sha256.digest(example).hex()).isEqualTo(EXAMPLE_SHA256);
  }

  @Test
  void theSpecShowsTheExamplesFieldsAsTheWriterWritesThem() throws IOException {
    assertThat(block("example-fields")).isEqualTo(fieldListing(example));
  }

  @Test
  void theSpecShowsTheExamplesBytesAsTheWriterWritesThem() throws IOException {
    assertThat(block("example-hexdump")).isEqualTo(hexdump(example));
  }

  @Test
  void theSpecStatesTheExamplesHash() throws IOException {
    assertThat(Files.readString(SPEC)).contains("SHA-256 " + EXAMPLE_SHA256);
  }

  /** The fenced text between {@code <!-- BEGIN name -->} and {@code <!-- END name -->}. */
  private String block(String name) throws IOException {
    String spec = Files.readString(SPEC);
    String begin = "<!-- BEGIN " + name + " -->\n```text\n";
    String end = "```\n<!-- END " + name + " -->";
    int from = spec.indexOf(begin);
    int to = spec.indexOf(end);
    assertThat(from).as("block %s in %s", name, SPEC).isNotNegative();
    assertThat(to).as("end of block %s in %s", name, SPEC).isGreaterThan(from);
    if (Boolean.getBoolean("packer.updateSpec")) {
      String fresh = name.equals("example-fields") ? fieldListing(example) : hexdump(example);
      spec = spec.substring(0, from + begin.length()) + fresh + spec.substring(to);
      Files.writeString(SPEC, spec);
      return fresh;
    }
    return spec.substring(from + begin.length(), to);
  }

  /** The bytes as {@code hexdump -C} prints them. */
  static String hexdump(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (int line = 0; line < bytes.length; line += 16) {
      out.append(String.format(Locale.ROOT, "%08x ", line));
      StringBuilder text = new StringBuilder();
      for (int i = line; i < line + 16; i++) {
        if (i % 8 == 0) {
          out.append(' ');
        }
        if (i < bytes.length) {
          out.append(String.format(Locale.ROOT, "%02x ", bytes[i]));
          text.append(bytes[i] >= 0x20 && bytes[i] < 0x7f ? (char) bytes[i] : '.');
        } else {
          out.append("   ");
        }
      }
      out.append(" |").append(text).append("|\n");
    }
    return out.append(String.format(Locale.ROOT, "%08x\n", bytes.length)).toString();
  }

  /** Every field of the pack, decoded straight from the bytes with the spec's layout. */
  static String fieldListing(byte[] pack) {
    Listing l = new Listing(pack);
    l.section("header");
    l.bytes(0, 8, "magic");
    l.u16(8, "major version");
    l.u16(10, "minor version");
    l.u32(12, "header size");
    int count = (int) l.u32(16, "entry count");
    int entrySize = (int) l.u32(20, "index entry size");
    l.u32(24, "alignment");
    l.u32(28, "reserved");
    long index = l.u64(32, "index offset");
    long nameIndex = l.u64(40, "name index offset");
    long strings = l.u64(48, "string table offset");
    long stringsSize = l.u64(56, "string table size");
    long data = l.u64(64, "data offset");
    l.u64(72, "file size");
    l.crc(80, "metadata CRC-32C");
    l.crc(84, "body CRC-32C");
    l.u32(88, "reserved");
    l.crc(92, "header CRC-32C");
    long[] dataOffsets = new long[count];
    long[] storedSizes = new long[count];
    for (int i = 0; i < count; i++) {
      int base = (int) index + i * entrySize;
      l.section("index entry " + i);
      l.id(base, "id");
      l.string(base + 8, strings, "type");
      l.string(base + 16, strings, "name");
      dataOffsets[i] = l.u64(base + 24, "data offset");
      storedSizes[i] = l.u64(base + 32, "stored size");
      l.u64(base + 40, "raw size");
      l.u8(base + 48, "compression");
      l.bytes(base + 49, 7, "reserved");
      l.hash(base + 56, "content hash (SHA-256)");
    }
    l.section("name index");
    for (int k = 0; k < count; k++) {
      l.u32((int) nameIndex + 4 * k, "slot " + k + ": entry");
    }
    l.padding((int) nameIndex + 4 * count, (int) strings);
    l.section("string table");
    // Each distinct string once, sorted by bytes; list them where the index entries point.
    ByteBuffer b = ByteBuffer.wrap(pack).order(ByteOrder.LITTLE_ENDIAN);
    TreeMap<Integer, Integer> refs = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      for (int field : new int[] {8, 16}) {
        int base = (int) index + i * entrySize + field;
        refs.merge(b.getInt(base), b.getInt(base + 4), Math::max);
      }
    }
    refs.forEach((offset, length) -> {
      int at = (int) strings + offset;
      l.text(at, length, StandardCharsets.UTF_8.decode(b.slice(at, length)).toString());
    });
    int end = (int) (strings + stringsSize);
    l.padding(end, (int) data);
    l.section("data");
    long position = data;
    for (int i = 0; i < count; i++) {
      l.padding((int) position, (int) dataOffsets[i]);
      l.bytes((int) dataOffsets[i], (int) storedSizes[i], "entry " + i + " data");
      position = dataOffsets[i] + storedSizes[i];
    }
    return l.toString();
  }

  /** Builds the listing, one field per line: offset, size, field, value. */
  private static final class Listing {
    private final ByteBuffer b;
    private final StringBuilder out = new StringBuilder();

    Listing(byte[] pack) {
      this.b = ByteBuffer.wrap(pack).order(ByteOrder.LITTLE_ENDIAN);
      out.append(String.format(Locale.ROOT, "%6s %5s  %-26s %s\n", "offset", "size", "field", "value"));
    }

    void section(String title) {
      out.append("-- ").append(title).append('\n');
    }

    private void line(int offset, int size, String field, String value) {
      out.append(String.format(Locale.ROOT, "%6d %5d  %-26s %s", offset, size, field, value).stripTrailing())
          .append('\n');
    }

    long u8(int offset, String field) {
      long v = Byte.toUnsignedLong(b.get(offset));
      line(offset, 1, field, Long.toString(v));
      return v;
    }

    long u16(int offset, String field) {
      long v = Short.toUnsignedLong(b.getShort(offset));
      line(offset, 2, field, Long.toString(v));
      return v;
    }

    long u32(int offset, String field) {
      long v = Integer.toUnsignedLong(b.getInt(offset));
      line(offset, 4, field, Long.toString(v));
      return v;
    }

    long u64(int offset, String field) {
      long v = b.getLong(offset);
      line(offset, 8, field, Long.toUnsignedString(v));
      return v;
    }

    void crc(int offset, String field) {
      line(offset, 4, field, String.format(Locale.ROOT, "0x%08x", b.getInt(offset)));
    }

    void id(int offset, String field) {
      line(offset, 8, field, HexFormat.of().toHexDigits(b.getLong(offset)));
    }

    void string(int offset, long strings, String field) {
      int at = b.getInt(offset);
      int length = b.getInt(offset + 4);
      String text = StandardCharsets.UTF_8.decode(b.slice((int) strings + at, length)).toString();
      line(offset, 4, field + ": string offset", Integer.toString(at));
      line(offset + 4, 4, field + ": length", length + "  \"" + text + "\"");
    }

    void bytes(int offset, int size, String field) {
      byte[] bytes = new byte[size];
      b.get(offset, bytes);
      line(offset, size, field, HexFormat.ofDelimiter(" ").formatHex(bytes));
    }

    void hash(int offset, String field) {
      byte[] bytes = new byte[32];
      b.get(offset, bytes);
      line(offset, 32, field, HexFormat.of().formatHex(bytes));
    }

    void text(int offset, int size, String text) {
      line(offset, size, "string", "\"" + text + "\"");
    }

    void padding(int from, int to) {
      if (to > from) {
        line(from, to - from, "padding (zero)", "");
      }
    }

    @Override
    public String toString() {
      return out.toString();
    }
  }
}
