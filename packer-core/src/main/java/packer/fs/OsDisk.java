package packer.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** The real disk: durable writes the way RELIABILITY.md describes them for Linux and macOS. */
public final class OsDisk implements Disk {

  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  @Override
  public void write(Path file, byte[] content) throws IOException {
    try (FileChannel channel = openForWrite(file)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  @Override
  public void copy(Path source, Path target) throws IOException {
    try (InputStream in = Files.newInputStream(source);
        FileChannel channel = openForWrite(target)) {
      byte[] chunk = new byte[1 << 16];
      int n;
      while ((n = in.read(chunk)) > 0) {
        ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      channel.force(true);
    }
  }

  @Override
  public void move(Path source, Path target) throws IOException {
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void delete(Path path) throws IOException {
    try {
      Files.deleteIfExists(path);
    } catch (NoSuchFileException gone) {
      // Deleted concurrently: the goal is reached.
    }
  }

  @Override
  public void createDirectory(Path dir) throws IOException {
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException exists) {
      if (!Files.isDirectory(dir)) {
        throw exists;
      }
    }
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    if (WINDOWS) {
      return; // Folders cannot be opened for force on Windows; NTFS journals its metadata.
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static FileChannel openForWrite(Path file) throws IOException {
    return FileChannel.open(
        file,
        StandardOpenOption.CREATE,
        StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }
}
