package packer.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What journal recovery did, kept in {@code .packer/recovery.log} so that {@code packer doctor}
 * can tell it later. Local state: the last {@value #KEEP} lines.
 */
public final class RecoveryLog {

  public static final String FILE = ".packer/recovery.log";
  static final int KEEP = 100;

  private RecoveryLog() {}

  static void append(Path root, List<String> events) {
    try {
      List<String> lines = new ArrayList<>(read(root));
      lines.addAll(events);
      List<String> kept = lines.subList(Math.max(0, lines.size() - KEEP), lines.size());
      Files.write(root.resolve(FILE), kept, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    } catch (IOException e) {
      // Only a record for people; the recovery itself is done.
    }
  }

  /** The recorded events, oldest first. */
  public static List<String> read(Path root) {
    try {
      Path file = root.resolve(FILE);
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Forgets the recorded events, once a person has seen them. */
  public static void clear(Path root) throws IOException {
    Files.deleteIfExists(root.resolve(FILE));
  }
}
