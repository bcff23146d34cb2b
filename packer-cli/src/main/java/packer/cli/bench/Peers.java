package packer.cli.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The programs packer is measured against ({@code tar}, {@code zstd}, {@code cat}), found on the
 * {@code PATH} before any long work starts, so that a missing one is reported at once with what to
 * do, never after minutes of measuring.
 */
final class Peers {

  /** A peer program is missing or is not the one the figures need. */
  static final class MissingPeerException extends IOException {
    MissingPeerException(String message) {
      super(message);
    }
  }

  private final String path;
  private final ChildProcess children;

  /** @param path the {@code PATH} to search, as in the environment */
  Peers(String path, ChildProcess children) {
    this.path = path == null ? "" : path;
    this.children = children;
  }

  /** The first executable file named {@code program} in the {@code PATH}'s folders. */
  Optional<Path> find(String program) {
    for (String folder : path.split(File.pathSeparator)) {
      if (folder.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(folder, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code program} on the PATH, or an exception saying which part needs it and how to get it.
   *
   * @param part the {@code --only} part that compares packer with it
   * @param install how to get it, e.g. {@code apt-get install zstd}
   */
  Path require(String program, String part, String install) throws MissingPeerException {
    return find(program).orElseThrow(() -> new MissingPeerException(
        "the '" + part + "' figures compare packer with '" + program + "', which is not on the PATH ("
            + (path.isEmpty() ? "empty" : path) + "); install it (" + install + ") or leave '" + part
            + "' out of --only"));
  }

  /**
   * GNU tar: the peer command uses {@code --sort=name} and {@code --owner=0}, which other
   * tars do not have.
   */
  Path requireGnuTar(String part) throws IOException, InterruptedException {
    Path tar = require("tar", part, "apt-get install tar");
    ChildProcess.Result version = children.run(List.of(tar.toString(), "--version"), Map.of("PATH", path), false);
    String first = version.stdout().strip().lines().findFirst().orElse("");
    if (version.exitCode() != 0 || !first.contains("GNU tar")) {
      throw new MissingPeerException("the '" + part + "' figures need GNU tar (for --sort=name), but " + tar
          + " says '" + (first.isEmpty() ? version.stderr().strip() : first) + "'; put GNU tar first on the PATH"
          + " or leave '" + part + "' out of --only");
    }
    return tar;
  }
}
