package packer.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import packer.json.CanonicalJson;
import packer.json.JsonDocument;
import packer.json.JsonSyntaxException;
import packer.scan.Sha256;

/**
 * The sealed intent of one commit: its ordered operations, then a line with their SHA-256. A record
 * whose checksum does not match was torn by a crash before it was sealed and is discarded.
 */
record IntentRecord(List<JournalOp> ops) {

  private static final String CHECKSUM_PREFIX = "sha256:";

  IntentRecord {
    ops = List.copyOf(ops);
  }

  byte[] encode() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    ArrayNode array = root.putArray("ops");
    for (JournalOp op : ops) {
      op.writeTo(array.addObject());
    }
    byte[] body = CanonicalJson.compact(root);
    byte[] checksum = (CHECKSUM_PREFIX + Sha256.hex(body) + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(body, body.length + checksum.length);
    System.arraycopy(checksum, 0, out, body.length, checksum.length);
    return out;
  }

  /** The record, or empty when it is torn, truncated or not a record at all. */
  static Optional<IntentRecord> decode(byte[] bytes) {
    int end = bytes.length - 1;
    if (end < 0 || bytes[end] != '\n') {
      return Optional.empty();
    }
    int split = end - 1;
    while (split >= 0 && bytes[split] != '\n') {
      split--;
    }
    if (split < 0) {
      return Optional.empty();
    }
    byte[] body = Arrays.copyOf(bytes, split + 1);
    String checksum = new String(bytes, split + 1, end - split - 1, StandardCharsets.US_ASCII);
    if (!checksum.equals(CHECKSUM_PREFIX + Sha256.hex(body))) {
      return Optional.empty();
    }
    try {
      List<JournalOp> ops = new ArrayList<>();
      for (JsonNode node : JsonDocument.parse(body).root().path("ops")) {
        ops.add(switch (node.path("op").asText()) {
          case "write" -> new JournalOp.Write(node.path("target").asText(), node.path("staged").asText(),
              Base64.getDecoder().decode(node.path("content").asText()));
          case "put" -> new JournalOp.Put(node.path("target").asText(), node.path("staged").asText());
          case "move" -> new JournalOp.MoveFolder(node.path("from").asText(), node.path("to").asText());
          case "discard" -> new JournalOp.Discard(node.path("path").asText(), node.path("trash").asText());
          default -> throw new JsonSyntaxException("unknown op", 1, 1);
        });
      }
      return Optional.of(new IntentRecord(ops));
    } catch (JsonSyntaxException e) {
      return Optional.empty();
    }
  }
}
