package packer.server.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import packer.workspace.Workspace;

/**
 * {@code .packer/server.json}: owner-only (rw-------), written whole with an atomic rename so a
 * reader never sees half of it, removed when the server stops. It holds the bearer token, so it is
 * never created readable by others, not even for a moment.
 */
public final class DiscoveryFile {

  public static final String NAME = "server.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DiscoveryFile() {}

  public static Path pathIn(Path root) {
    return root.resolve(Workspace.LOCAL_FOLDER).resolve(NAME);
  }

  public static void write(Path root, Discovery discovery) throws IOException {
    Path target = pathIn(root);
    Files.createDirectories(target.getParent());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("format", discovery.format());
    body.put("pid", discovery.pid());
    body.put("url", discovery.url());
    body.put("port", discovery.port());
    body.put("token", discovery.token());
    byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    Path temp = target.resolveSibling(NAME + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      createOwnerOnly(temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
        out.write(bytes);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void createOwnerOnly(Path file) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the file inherits the ACL of the user's own .packer folder.
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("a temporary discovery file " + file + " already exists; remove it and start again", e);
    }
  }

  /** The discovery file's content, or empty when there is none or it cannot be read as one. */
  public static Optional<Discovery> read(Path root) {
    try {
      JsonNode node = MAPPER.readTree(Files.readAllBytes(pathIn(root)));
      if (node == null || !node.path("url").isTextual() || !node.path("token").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(new Discovery(node.path("format").asInt(), node.path("pid").asLong(),
          node.path("url").asText(), node.path("port").asInt(), node.path("token").asText()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Removes the file if it is still {@code ours} (a newer server may have replaced it). */
  public static void removeIfOurs(Path root, Discovery ours) throws IOException {
    Optional<Discovery> current = read(root);
    if (current.isEmpty() || current.get().token().equals(ours.token())) {
      Files.deleteIfExists(pathIn(root));
    }
  }
}
