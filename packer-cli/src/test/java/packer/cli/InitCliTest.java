package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2, point 1: {@code packer init DIR} creates a workspace. */
class InitCliTest {

  @TempDir Path dir;

  @Test
  void initCreatesPackerJsonNamedAfterTheFolder() throws Exception {
    CliResult init = Cli.in(dir).run("init", "mygame");

    assertThat(init).succeeds().printed("mygame");
    JsonNode config = new ObjectMapper().readTree(dir.resolve("mygame/packer.json").toFile());
    assertThat(config.path("name").asText()).isEqualTo("mygame");
  }

  @Test
  void initCreatesAnEmptyRegistry() throws Exception {
    Cli.in(dir).run("init", "mygame");

    Path registry = dir.resolve("mygame/registry");
    assertThat(registry).isDirectory();
    try (var entries = Files.list(registry)) {
      assertThat(entries.filter(p -> !p.getFileName().toString().startsWith(".")))
          .as("records in a fresh registry").isEmpty();
    }
  }

  @Test
  void initCreatesLocalStateWithAGitignoreThatIgnoresEverything() throws Exception {
    Cli.in(dir).run("init", "mygame");

    Path gitignore = dir.resolve("mygame/.packer/.gitignore");
    assertThat(gitignore).isRegularFile();
    assertThat(Files.readAllLines(gitignore)).contains("*");
  }

  @Test
  void initOfTheCurrentFolderUsesItsName() {
    Path game = dir.resolve("space-game");
    assertThat(Cli.in(dir).run("init", "space-game")).succeeds();
    assertThat(game.resolve("packer.json")).isRegularFile();

    assertThat(Cli.in(game).run("status")).succeeds().printed("0 assets");
  }

  @Test
  void initWithAnExplicitNameWritesIt() throws Exception {
    assertThat(Cli.in(dir).run("init", "g", "--name", "Space Game")).succeeds();

    JsonNode config = new ObjectMapper().readTree(dir.resolve("g/packer.json").toFile());
    assertThat(config.path("name").asText()).isEqualTo("Space Game");
  }

  @Test
  void initTwiceIsAUsageErrorAndLeavesTheWorkspaceAsItWas() throws Exception {
    Cli.in(dir).run("init", "mygame");
    byte[] before = Files.readAllBytes(dir.resolve("mygame/packer.json"));

    CliResult again = Cli.in(dir).run("init", "mygame");

    assertThat(again).exitsWith(ExitCode.USAGE).complained("already a workspace");
    assertThat(Files.readAllBytes(dir.resolve("mygame/packer.json"))).isEqualTo(before);
  }

  @Test
  void aFreshWorkspaceChecksClean() {
    Cli.in(dir).run("init", "mygame");

    assertThat(Cli.in(dir).run("-C", "mygame", "check")).succeeds().complained("0 errors");
  }

  @Test
  void commandsOutsideAWorkspaceAreUsageErrors() {
    assertThat(Cli.in(dir).run("ls")).exitsWith(ExitCode.USAGE);
  }
}
