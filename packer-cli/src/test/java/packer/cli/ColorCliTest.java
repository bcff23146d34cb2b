package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 2, point 10: colour only on a terminal, and never when {@code NO_COLOR} is set. */
class ColorCliTest {

  static final String RED = "\u001b[31m";

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    Planted.unknownType(workspace);
    workspace.asset("assets/hand-made").create();
    workspace.bindByHand("c000000000000002", "assets/gone");
  }

  @Test
  void diagnosticsAreRedOnATerminal() {
    CliResult check = workspace.cli().interactive().run("check");

    assertThat(check.outLines()).anySatisfy(line -> assertThat(line)
        .startsWith(RED + "assets/sprite/asset.json:2:11: error[unknown-type]"));
  }

  @Test
  void errorsAreRedOnATerminal() {
    CliResult show = workspace.cli().interactive().run("show", "nothing");

    assertThat(show.err()).startsWith(RED + "packer: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"check", "status", "ls", "show sprite", "doctor", "show nothing", "--help",
      "ls --bogus"})
  void noColorSetMeansNoEscapesEvenOnATerminal(String command) {
    CliResult result = workspace.cli().interactive().env("NO_COLOR", "1").run(command.split(" "));

    assertThat(result).hasNoAnsiEscapes();
    assertThat(result.out() + result.err()).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"check", "status", "doctor", "show nothing"})
  void noEscapesWhenNotOnATerminal(String command) {
    assertThat(workspace.run(command.split(" "))).hasNoAnsiEscapes();
  }

  @Test
  void noEscapesOnADumbTerminal() {
    assertThat(workspace.cli().interactive().env("TERM", "dumb").run("check")).hasNoAnsiEscapes();
  }

  @Test
  void jsonIsNeverColoured() {
    CliResult check = workspace.cli().interactive().run("check", "--json");

    assertThat(check).hasNoAnsiEscapes();
    assertThat(check.json().path("errors").asInt()).isEqualTo(2);
  }
}
