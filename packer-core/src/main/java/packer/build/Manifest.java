package packer.build;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import packer.json.CanonicalJson;

/**
 * The manifest next to a pack: every entry (id, name, type, sizes, compression, content hash,
 * inputs with their hashes) sorted by id, in canonical JSON, and the codec (library, version,
 * level) when any asset asks for zstd. Nothing in it depends on time, host,
 * user or where the workspace is.
 */
final class Manifest {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private Manifest() {}

  /**
   * The manifest in canonical compact JSON ({@link CanonicalJson#compact}: keys in UTF-8 byte
   * order, a final newline), written field by field rather than built as a tree and sorted: a
   * build renders it every time, and the tree of 10,000 entries costs more than the text.
   */
  static byte[] render(
      String workspace, String packerVersion, int formatMajor, int formatMinor, int alignment,
      String packSha256, List<BuiltEntry> entries, OptionalInt zstdLevel) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + entries.size() * 400);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      // Every object's keys below are written in canonical order.
      json.writeStartObject();
      json.writeNumberField("alignment", alignment);
      if (zstdLevel.isPresent()) {
        // Only when some asset asks for zstd: compressors promise the same bytes only for the same
        // library version and level, so the manifest says which made (or declined to make) them.
        json.writeObjectFieldStart("codecs");
        json.writeObjectFieldStart("zstd");
        json.writeNumberField("level", zstdLevel.getAsInt());
        json.writeStringField("library", "zstd-jni");
        json.writeStringField("version", EntryCodec.ZSTD_VERSION);
        json.writeEndObject();
        json.writeEndObject();
      }
      json.writeArrayFieldStart("entries");
      for (BuiltEntry entry : entries) {
        json.writeStartObject();
        json.writeStringField("compression", entry.compression());
        json.writeStringField("id", entry.id().hex());
        json.writeArrayFieldStart("inputs");
        for (BuiltInput input : entry.inputs()) {
          json.writeStartObject();
          json.writeStringField("path", input.path());
          json.writeStringField("sha256", input.sha256());
          json.writeNumberField("size", input.size());
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("name", entry.name());
        json.writeNumberField("processorVersion", entry.processorVersion());
        json.writeNumberField("rawSize", entry.rawSize());
        json.writeStringField("sha256", entry.sha256());
        json.writeNumberField("storedSize", entry.storedSize());
        json.writeStringField("type", entry.type());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringField("formatVersion", formatMajor + "." + formatMinor);
      json.writeStringField("packSha256", packSha256);
      json.writeStringField("packerVersion", packerVersion);
      json.writeStringField("workspace", workspace);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /** Writes {@code bytes} to a temp file next to {@code target}, forces it, renames it over. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    // A name of its own, so two builds into one folder never write the same temp file.
    Path temp = target.resolveSibling(
        "." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
