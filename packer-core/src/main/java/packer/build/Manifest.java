package packer.build;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Manifest() {}

  static byte[] render(
      String workspace, String packerVersion, int formatMajor, int formatMinor, int alignment,
      String packSha256, List<BuiltEntry> entries, OptionalInt zstdLevel) {
    ObjectNode root = NODES.objectNode();
    root.put("workspace", workspace);
    root.put("packerVersion", packerVersion);
    root.put("formatVersion", formatMajor + "." + formatMinor);
    root.put("alignment", alignment);
    if (zstdLevel.isPresent()) {
      // Only when some asset asks for zstd: compressors promise the same bytes only for the same
      // library version and level, so the manifest says which made (or declined to make) them.
      root.putObject("codecs").putObject("zstd")
          .put("library", "zstd-jni")
          .put("version", EntryCodec.ZSTD_VERSION)
          .put("level", zstdLevel.getAsInt());
    }
    root.put("packSha256", packSha256);
    ArrayNode list = root.putArray("entries");
    for (BuiltEntry entry : entries) {
      ObjectNode node = list.addObject();
      node.put("id", entry.id().hex());
      node.put("name", entry.name());
      node.put("type", entry.type());
      node.put("processorVersion", entry.processorVersion());
      node.put("rawSize", entry.rawSize());
      node.put("storedSize", entry.storedSize());
      node.put("compression", entry.compression());
      node.put("sha256", entry.sha256());
      ArrayNode inputs = node.putArray("inputs");
      for (BuiltInput input : entry.inputs()) {
        inputs.addObject()
            .put("path", input.path())
            .put("size", input.size())
            .put("sha256", input.sha256());
      }
    }
    return CanonicalJson.compact(root); // ends with \n
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
