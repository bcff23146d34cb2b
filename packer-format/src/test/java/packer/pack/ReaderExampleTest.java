package packer.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Reading a pack from a game" example, compiled and run against a small pack. The
 * README shows the region between the {@code README:begin} and {@code README:end} lines below,
 * and {@link #theReadmeShowsThisCode} keeps the two equal: edit the code here, then copy it.
 */
class ReaderExampleTest {

  // README:begin
  /** What the game loads at startup. */
  record Loaded(ByteBuffer palette, byte[] levelJson) {}

  /**
   * Loads the palette and the first level. {@code decoder} decodes compressed entries, e.g. with
   * zstd-jni: {@code (entry, in) -> entry.compression().equals(Compression.ZSTD) ? new
   * ZstdInputStream(in) : null}.
   */
  static Loaded load(Path file, EntryDecoder decoder) throws IOException {
    try (Pack pack = Pack.open(file)) { // maps the file; checks the header and the whole index
      PackEntry palette = pack.findByName("palette").orElseThrow(); // by name: binary search
      // An uncompressed entry as a read-only view of the mapped file: nothing is copied.
      ByteBuffer colors = pack.data(palette).order(ByteOrder.LITTLE_ENDIAN);

      PackEntry level = pack.find(0x513d94075924cc19L).orElseThrow(); // by id: binary search
      try (InputStream in = rawStream(pack, level, decoder)) {
        return new Loaded(colors, in.readAllBytes()); // views stay valid after close
      }
    }
  }

  /** An entry's raw bytes as a stream, of any size: as stored, or decoded. */
  static InputStream rawStream(Pack pack, PackEntry entry, EntryDecoder decoder) throws IOException {
    InputStream stored = pack.openStream(entry);
    if (entry.compression().equals(Compression.NONE)) {
      return stored;
    }
    InputStream raw = decoder.decode(entry, stored);
    if (raw == null) {
      stored.close();
      throw new IOException(entry.name() + ": no decoder for " + entry.compression());
    }
    return raw;
  }

  /** On demand, e.g. after a download: every hash, compressed entries' too. */
  static void verify(Path file, EntryDecoder decoder) throws IOException {
    try (Pack pack = Pack.open(file)) {
      pack.verify(decoder); // a PackFormatException names the first bad entry and its offset
    }
  }
  // README:end

  private static final long PALETTE_ID = 0x1d39970ed49adfb0L;
  private static final long LEVEL_ID = 0x513d94075924cc19L;
  private static final byte[] LEVEL = "{\"tiles\":[1,2,3,4]}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  /** Two entries: a palette of four little-endian ARGB colours, and a zstd-compressed level. */
  private Path gamePack() throws IOException {
    ByteBuffer palette = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    palette.putInt(0xff102030).putInt(0xff405060).putInt(0xff708090).putInt(0xffa0b0c0);
    byte[] colors = palette.array();
    byte[] frame = RawZstd.frame(LEVEL);
    Path file = dir.resolve("game.pack");
    new PackWriter()
        .add(PALETTE_ID, "blob", "palette", Compression.NONE, colors.length, Sha256.digest(colors),
            StoredBytes.of(colors))
        .add(LEVEL_ID, "json", "level-01", Compression.ZSTD, LEVEL.length, Sha256.digest(LEVEL),
            StoredBytes.of(frame))
        .writeTo(file);
    return file;
  }

  @Test
  void theExampleReadsAViewOfTheMappedFileAndADecodedStream() throws IOException {
    Loaded loaded = load(gamePack(), RawZstd.DECODER);

    assertThat(loaded.palette().isDirect()).as("a view of the mapped file").isTrue();
    assertThat(loaded.palette().isReadOnly()).isTrue();
    assertThat(loaded.palette().remaining()).isEqualTo(16);
    assertThat(loaded.palette().getInt(4)).isEqualTo(0xff405060);
    assertThat(loaded.levelJson()).isEqualTo(LEVEL);
  }

  @Test
  void theExampleVerifiesEveryHashOnDemand() throws IOException {
    verify(gamePack(), RawZstd.DECODER);
  }

  @Test
  void aDamagedCompressedEntryFailsVerificationNamingIt() throws IOException {
    Path file = gamePack();
    long offset;
    try (Pack pack = Pack.open(file)) {
      offset = pack.find(LEVEL_ID).orElseThrow().dataOffset();
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) offset + RawZstd.HEADER + 3] ^= 0x20; // a letter of the level, in the frame's raw block
    Files.write(file, bytes);

    assertThatThrownBy(() -> verify(file, RawZstd.DECODER))
        .isInstanceOf(PackFormatException.class)
        .hasMessageContaining("offset " + offset)
        .hasMessageContaining("entry 513d94075924cc19")
        .hasMessageContaining("'level-01': content hash mismatch");
  }

  @Test
  void withoutADecoderACompressedEntryIsAClearError() throws IOException {
    assertThatThrownBy(() -> load(gamePack(), (entry, stored) -> null))
        .isInstanceOf(IOException.class)
        .hasMessage("level-01: no decoder for zstd");
  }

  @Test
  void theReadmeShowsThisCode() throws IOException {
    assertThat(readmeBlock()).isEqualTo(exampleRegion());
  }

  /** The lines between the markers of this file, less their common indentation. */
  private static String exampleRegion() throws IOException {
    Path source = Path.of("src", "test", "java", "packer", "pack", "ReaderExampleTest.java");
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    List<String> region = lines.subList(lines.indexOf("  // README:begin") + 1, lines.indexOf("  // README:end"));
    return region.stream().map(line -> line.isEmpty() ? line : line.substring(2))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** The java block that follows the {@code reader-example} marker in the README. */
  private static String readmeBlock() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int marker = lines.indexOf("<!-- reader-example: packer-format/src/test/java/packer/pack/ReaderExampleTest.java -->");
    assertThat(marker).as("the README's reader-example marker").isNotNegative();
    assertThat(lines.get(marker + 1)).isEqualTo("```java");
    List<String> block = new ArrayList<>();
    for (String line : lines.subList(marker + 2, lines.size())) {
      if (line.equals("```")) {
        return String.join("\n", block) + "\n";
      }
      block.add(line);
    }
    throw new AssertionError("the README's reader-example block is not closed");
  }

  /**
   * Zstd frames made only of raw (stored) blocks, as RFC 8878 defines them: real zstd that any
   * decoder reads, written and read here without a codec, since this module is JDK only.
   */
  static final class RawZstd {

    /** Magic number, frame header descriptor, 4-byte content size, first block header. */
    static final int HEADER = 4 + 1 + 4 + 3;

    private static final int MAGIC = 0xFD2FB528;
    /** Frame content size in 4 bytes, single segment, no checksum, no dictionary. */
    private static final int DESCRIPTOR = 0xA0;
    private static final int MAX_BLOCK = 128 * 1024;

    static final EntryDecoder DECODER = (entry, stored) ->
        entry.compression().equals(Compression.ZSTD) ? new ByteArrayInputStream(decode(stored.readAllBytes())) : null;

    private RawZstd() {}

    static byte[] frame(byte[] content) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer header = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
      out.writeBytes(header.putInt(MAGIC).put((byte) DESCRIPTOR).putInt(content.length).array());
      int at = 0;
      do {
        int size = Math.min(MAX_BLOCK, content.length - at);
        int last = at + size == content.length ? 1 : 0;
        int block = last | (size << 3); // block type 0: raw
        out.write(block);
        out.write(block >>> 8);
        out.write(block >>> 16);
        out.write(content, at, size);
        at += size;
      } while (at < content.length);
      return out.toByteArray();
    }

    static byte[] decode(byte[] frame) throws IOException {
      ByteBuffer in = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
      if (frame.length < 9 || in.getInt() != MAGIC || in.get() != (byte) DESCRIPTOR) {
        throw new IOException("not a raw-block zstd frame");
      }
      int contentSize = in.getInt();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      boolean last = false;
      while (!last) {
        if (in.remaining() < 3) {
          throw new IOException("truncated block header");
        }
        int block = Byte.toUnsignedInt(in.get()) | Byte.toUnsignedInt(in.get()) << 8
            | Byte.toUnsignedInt(in.get()) << 16;
        last = (block & 1) == 1;
        int size = block >>> 3;
        if ((block >>> 1 & 3) != 0 || size > in.remaining()) {
          throw new IOException("not a raw block, or truncated");
        }
        out.write(frame, in.position(), size);
        in.position(in.position() + size);
      }
      if (out.size() != contentSize || in.hasRemaining()) {
        throw new IOException("frame content size " + contentSize + " but " + out.size() + " bytes");
      }
      return out.toByteArray();
    }
  }
}
