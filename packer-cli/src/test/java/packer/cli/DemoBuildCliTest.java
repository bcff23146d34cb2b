package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3: the example workspace's pack, pinned. If this hash changes, either a processor's output
 * changed (bump its version and update the hash, saying why in the commit) or determinism broke.
 */
class DemoBuildCliTest {

  /** SHA-256 of examples/demo's pack, as built by packer 0.1.0. */
  static final String GOLDEN_SHA256 = "566b4aefd661466e2b5a0bdc0a15cf3a9c605a72cae74caab2ce55dbd04bbac8";

  /** Tests run in packer-cli/. */
  private static final Path DEMO = Path.of("../examples/demo");

  @TempDir Path dir;

  @Test
  void theExampleWorkspaceBuildsToThePinnedPack() {
    Path copy = copyOfDemo(dir.resolve("one"), false);

    CliResult built = Cli.in(copy).run("build", "--json", "--threads", "4");

    assertThat(built).succeeds();
    assertThat(built.json().path("sha256").asText()).isEqualTo(GOLDEN_SHA256);
    assertThat(Cli.in(copy).run("verify", "build/demo.pack")).succeeds();
  }

  @Test
  void aCopyMadeInReversedFileOrderBuiltOnOneThreadGivesThePinnedPack() {
    Path copy = copyOfDemo(dir.resolve("two"), true);

    CliResult built = Cli.in(copy).run("build", "--json", "--threads", "1");

    assertThat(built).succeeds();
    assertThat(built.json().path("sha256").asText()).isEqualTo(GOLDEN_SHA256);
  }

  /** The committed files of the demo (not its build output or local state), copied one by one. */
  private static Path copyOfDemo(Path target, boolean reversed) {
    try (Stream<Path> walk = Files.walk(DEMO)) {
      List<Path> files = walk.filter(Files::isRegularFile)
          .filter(file -> {
            String relative = DEMO.relativize(file).toString().replace('\\', '/');
            return relative.equals("packer.json") || relative.startsWith("registry/") || relative.startsWith("assets/");
          })
          .sorted(reversed ? java.util.Comparator.reverseOrder() : java.util.Comparator.naturalOrder())
          .toList();
      for (Path file : files) {
        Path to = target.resolve(DEMO.relativize(file).toString());
        Files.createDirectories(to.getParent());
        Files.copy(file, to);
      }
      Files.createDirectories(target.resolve(".packer"));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
