package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 2, point 10: {@code packer completion bash|zsh} prints a completion script. */
class CompletionCliTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"bash", "zsh"})
  void theScriptCompletesEverySubcommand(String shell) {
    CliResult completion = Cli.in(dir).run("completion", shell);

    assertThat(completion).succeeds();
    for (String command : HelpCliTest.COMMANDS) {
      assertThat(completion.out()).as("%s completion of %s", shell, command).contains(command);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "zsh"})
  void theScriptCompletesOptionsOfSubcommands(String shell) {
    CliResult completion = Cli.in(dir).run("completion", shell);

    assertThat(completion.out()).contains("--keep-files").contains("--fix").contains("--json").contains("--state");
  }

  @Test
  void theBashScriptRegistersACompletionForPacker() {
    assertThat(Cli.in(dir).run("completion", "bash")).printed("complete ").printed(" packer");
  }

  @Test
  void theZshScriptLoadsBashCompatibility() {
    assertThat(Cli.in(dir).run("completion", "zsh")).printed("bashcompinit");
  }

  @Test
  void theScriptNeedsNoWorkspace() {
    assertThat(Cli.in(dir).run("completion", "bash")).succeeds();
    assertThat(dir.resolve("packer.json")).doesNotExist();
  }

  @Test
  void anUnknownShellIsAUsageError() {
    assertThat(Cli.in(dir).run("completion", "fish")).exitsWith(ExitCode.USAGE).complained("bash, zsh");
  }
}
