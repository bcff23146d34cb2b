package packer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** What every subcommand shares: the root command's context and the --json switch. */
abstract class BaseCommand implements Callable<Integer> {

  @ParentCommand PackerCommand root;

  @Option(names = "--json", description = "Print machine-readable JSON on stdout.")
  boolean json;

  Terminal terminal() {
    return root.terminal();
  }
}
