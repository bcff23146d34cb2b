package packer.server.api;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import packer.server.http.ApiError;
import packer.workspace.Workspace;

/**
 * The input files of a create request, which come in its body: written to a fresh folder under
 * {@code .packer/} ({@code upload-*}) for the lane to copy in (it stages them durably in its journal), and
 * removed afterwards whatever happened. Nothing in a request ever names a file of this machine.
 */
final class Uploads {

  static final String PREFIX = "upload-";

  private final Path folder;

  Uploads(Path root) {
    this.folder = root.resolve(Workspace.LOCAL_FOLDER);
  }

  /** One input of a create request: a plain file name and its bytes. */
  record Upload(String name, byte[] bytes) {}

  /**
   * Removes what a server killed in the middle of a create left behind. Called when the server
   * starts: it holds the workspace lock, so no other process is staging here.
   */
  void sweep() {
    try (DirectoryStream<Path> left = Files.newDirectoryStream(folder, PREFIX + "*")) {
      for (Path dir : left) {
        deleteTree(dir);
      }
    } catch (IOException e) {
      // Leftovers only take space; the next start tries again.
    }
  }

  /** The problem with {@code name} as the name of an input file, or null if it is a plain name. */
  static String nameProblem(String name) {
    if (name.isEmpty()) {
      return "is empty";
    }
    if (name.indexOf('\0') >= 0) {
      return "contains a NUL character";
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0) {
      return "must be a plain file name, without '/', '\\' or ':'";
    }
    if (name.equals(".") || name.equals("..")) {
      return "must be a file name, not '" + name + "'";
    }
    return null;
  }

  /** Checks every name (400 naming the first bad one) and that no two are alike. */
  static void checkNames(List<Upload> uploads) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < uploads.size(); i++) {
      String name = uploads.get(i).name();
      String problem = nameProblem(name);
      if (problem != null) {
        throw ApiError.badRequest("inputs[" + i + "].name " + problem);
      }
      if (!seen.add(name)) {
        throw ApiError.badRequest("two inputs are named " + name + "; input file names must differ");
      }
    }
  }

  /** Writes {@code uploads} to a fresh folder; close the answer to remove it. */
  Staged stage(List<Upload> uploads) throws IOException {
    checkNames(uploads);
    Files.createDirectories(folder);
    Path dir = Files.createTempDirectory(folder, PREFIX);
    try {
      List<Path> files = new ArrayList<>();
      for (Upload upload : uploads) {
        Path file = dir.resolve(upload.name());
        if (!dir.equals(file.normalize().getParent())) {
          throw ApiError.badRequest("input name " + upload.name() + " is not a plain file name");
        }
        Files.write(file, upload.bytes());
        files.add(file);
      }
      return new Staged(dir, List.copyOf(files));
    } catch (IOException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  /** Staged input files, in request order; closing removes them. */
  static final class Staged implements AutoCloseable {
    private final Path dir;
    private final List<Path> files;

    private Staged(Path dir, List<Path> files) {
      this.dir = dir;
      this.files = files;
    }

    List<Path> files() {
      return files;
    }

    /** {@code message} without the staging folder's path, which is no business of the client. */
    String hidePaths(String message) {
      return message == null ? null : message.replace(dir + dir.getFileSystem().getSeparator(), "");
    }

    /** Never fails the request: the lane is done with the files, and the next start sweeps leftovers. */
    @Override
    public void close() {
      try {
        deleteTree(dir);
      } catch (IOException e) {
        // Left for sweep().
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path visited, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(visited);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
