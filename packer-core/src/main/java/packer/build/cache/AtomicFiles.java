package packer.build.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes cache files whole or not at all: a temp file of its own name in the same folder, renamed
 * over the target. Readers and concurrent builds see the old file or the new one, never a part.
 *
 * <p>Not forced to disk: every cache file is checked when read, so what a crash leaves behind is
 * found damaged and rebuilt, and forcing each value would cost a disk flush per asset.
 */
final class AtomicFiles {

  static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  static void write(Path target, byte[]... parts) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling(
        "." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        for (byte[] part : parts) {
          ByteBuffer buffer = ByteBuffer.wrap(part);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
        }
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

  static boolean isTemp(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") && name.endsWith(TEMP_SUFFIX);
  }
}
