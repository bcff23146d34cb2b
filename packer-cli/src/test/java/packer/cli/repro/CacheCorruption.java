package packer.cli.repro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** Damages a workspace's build cache as a failing disk or a killed writer would. */
public final class CacheCorruption {

  /** The cache's folder, relative to the workspace root. */
  public static final String CACHE = ".packer/cache";

  private CacheCorruption() {}

  /** The regular files under {@code .packer/cache}, sorted; none when there is no cache. */
  public static List<Path> cacheFiles(Path workspace) {
    Path cache = workspace.resolve(CACHE);
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(cache)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Flips every bit of one byte in the middle of each file under {@code .packer/cache} (an empty
   * file gets one byte appended); returns the files it damaged.
   */
  public static List<Path> flipOneByteInEveryFile(Path workspace) {
    List<Path> files = cacheFiles(workspace);
    for (Path file : files) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long size = channel.size();
        if (size == 0) {
          channel.write(ByteBuffer.wrap(new byte[] {0x5a}), 0);
          continue;
        }
        ByteBuffer one = ByteBuffer.allocate(1);
        long at = size / 2;
        channel.read(one, at);
        one.put(0, (byte) ~one.get(0)).rewind();
        channel.write(one, at);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }
}
