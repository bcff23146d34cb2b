package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Issue 2, point 10: {@code --help} on every command is complete; {@code --version} works. */
class HelpCliTest {

  static final List<String> COMMANDS = List.of(
      "init", "new", "adopt", "ls", "show", "rename", "mv", "rm", "relocate", "check", "status", "doctor",
      "build", "verify", "inspect", "extract", "diff", "gc", "serve", "watch", "completion",
      "schema");

  @TempDir Path dir;

  static Stream<String> commands() {
    return COMMANDS.stream();
  }

  /** The whole command tree, every subcommand registered, to compare the help text with. */
  static CommandLine packer() {
    CommandLine packer = new CommandLine(new PackerCommand());
    PackerCommand.SUBCOMMANDS.forEach(packer::addSubcommand);
    return packer;
  }

  /** The user-facing commands; hidden ones (the benchmark tools) are for developers. */
  static Map<String, CommandLine> model() {
    Map<String, CommandLine> visible = new java.util.TreeMap<>(packer().getSubcommands());
    visible.values().removeIf(command -> command.getCommandSpec().usageMessage().hidden());
    return visible;
  }

  @Test
  void theCommandSetIsTheOneTheseTestsCover() {
    assertThat(model().keySet()).containsExactlyInAnyOrderElementsOf(COMMANDS);
  }

  @Test
  void helpExitsZeroAndListsEveryCommand() {
    CliResult help = Cli.in(dir).run("--help");

    assertThat(help).succeeds().printed("Usage: packer");
    for (String command : COMMANDS) {
      assertThat(help.outLines()).as("the command list names %s", command)
          .anySatisfy(line -> assertThat(line).startsWith("  " + command + " "));
    }
  }

  @Test
  void helpDocumentsEveryExitCode() {
    CliResult help = Cli.in(dir).run("--help");

    assertThat(help).printed("Exit codes:");
    for (int code : new int[] {ExitCode.OK, ExitCode.PROBLEMS, ExitCode.USAGE, ExitCode.REFUSED,
        ExitCode.CONFLICT, ExitCode.LOCKED, ExitCode.IO}) {
      assertThat(help.outLines()).anySatisfy(line -> assertThat(line).startsWith("  " + code + "  "));
    }
  }

  @Test
  void shortHelpIsTheSameAsLongHelp() {
    assertThat(Cli.in(dir).run("-h").out()).isEqualTo(Cli.in(dir).run("--help").out());
  }

  @Test
  void everyCommandIsSummarizedByACompleteSentence() {
    List<String> summaries = new ArrayList<>();
    boolean inCommands = false;
    for (String line : Cli.in(dir).run("--help").outLines()) {
      if (line.equals("Commands:")) {
        inCommands = true;
      } else if (inCommands && line.isBlank()) {
        break;
      } else if (inCommands) {
        summaries.add(line);
      }
    }
    assertThat(summaries).noneSatisfy(line -> assertThat(line).endsWith(","));
  }

  @Test
  void everyOptionAndParameterOfEveryCommandIsDescribed() {
    model().forEach((name, command) -> {
      for (ArgSpec arg : command.getCommandSpec().args()) {
        assertThat(String.join(" ", arg.description()))
            .as("description of %s in packer %s", arg.paramLabel(), name).isNotBlank();
      }
      assertThat(command.getCommandSpec().usageMessage().description())
          .as("description of packer %s", name).isNotEmpty();
    });
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpOfEveryCommandExitsZeroAndDescribesEveryOption(String name) {
    CommandLine command = model().get(name);

    CliResult help = Cli.in(dir).run(name, "--help");

    assertThat(help).succeeds().printed("Usage: packer " + name);
    String unwrapped = help.out().replaceAll("\\s+", " ");
    for (OptionSpec option : command.getCommandSpec().options()) {
      assertThat(help).printed(option.longestName());
      assertThat(unwrapped).contains(option.description()[0].replaceAll("\\s+", " "));
    }
    command.getCommandSpec().positionalParameters()
        .forEach(parameter -> assertThat(help).printed(parameter.paramLabel()));
  }

  /** packer registers only the command it runs: its help must not show that. */
  @ParameterizedTest
  @MethodSource("commands")
  void helpOfEveryCommandIsTheSameAsInTheWholeCommandTree(String name) {
    CommandLine whole = packer();
    whole.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    String expected = whole.getSubcommands().get(name).getUsageMessage();

    assertThat(Cli.in(dir).run(name, "--help").out()).isEqualTo(expected);
    assertThat(Cli.in(dir).run("-C", ".", name, "--help").out()).isEqualTo(expected);
  }

  @Test
  void aMistypedCommandIsAnsweredWithTheCommandsItResembles() {
    assertThat(Cli.in(dir).run("statu")).exitsWith(ExitCode.USAGE).complained("Did you mean: packer status");
    assertThat(Cli.in(dir).run("-C", ".", "lss")).exitsWith(ExitCode.USAGE).complained("packer ls");
  }

  @Test
  void versionPrintsPackerAndItsVersion() {
    CliResult version = Cli.in(dir).run("--version");

    assertThat(version).succeeds();
    assertThat(version.out()).matches("packer \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
  }

  @Test
  void shortVersionIsTheSameAsLongVersion() {
    assertThat(Cli.in(dir).run("-V").out()).isEqualTo(Cli.in(dir).run("--version").out());
  }

  @Test
  void noCommandAtAllIsAUsageErrorPointingToHelp() {
    assertThat(Cli.in(dir).run()).exitsWith(ExitCode.USAGE).complained("packer --help");
  }
}
