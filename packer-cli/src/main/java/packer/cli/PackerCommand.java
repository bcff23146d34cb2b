package packer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import packer.cli.remote.ServerUnavailableException;
import packer.cli.remote.WriteLane;
import packer.lock.WorkspaceLockedException;
import packer.workspace.NotAWorkspaceException;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command: global options and the list of subcommands (registered by {@link Main}). */
@Command(
    name = "packer",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Packs game assets kept as plain folders into one deterministic pack file.",
      "Each asset is a folder with an asset.json; the registry gives it a stable id."
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  the workspace or pack has errors",
      "  2  usage: bad arguments, unknown asset, not in a workspace",
      "  3  refused: it would break a rule (name or folder taken, asset missing)",
      "  4  conflict: a file changed on disk since it was read",
      "  5  locked: another process is writing the workspace",
      "  6  I/O failure",
      "",
      "Run 'packer COMMAND --help' for a command's options."
    })
final class PackerCommand {

  /** The subcommands, in the order help lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      InitCommand.class,
      NewCommand.class,
      AdoptCommand.class,
      LsCommand.class,
      ShowCommand.class,
      RenameCommand.class,
      MvCommand.class,
      RmCommand.class,
      RelocateCommand.class,
      CheckCommand.class,
      StatusCommand.class,
      DoctorCommand.class,
      BuildCommand.class,
      VerifyCommand.class,
      InspectCommand.class,
      ExtractCommand.class,
      DiffCommand.class,
      GcCommand.class,
      ServeCommand.class,
      WatchCommand.class,
      CompletionCommand.class,
      SchemaCommand.class,
      packer.cli.bench.BenchCommand.class);

  /**
   * The subcommands to register for {@code args}: only the one named when the arguments name one
   * after the root's -C (building each command's model by reflection is a large part of packer's
   * start-up); none for {@code --version} alone; all of them for anything else, so help,
   * suggestions for a typo and completion see every command.
   */
  static List<Class<?>> subcommandsFor(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-C")) {
        i++;
      } else if (!arg.startsWith("-C")) {
        if ((arg.equals("--version") || arg.equals("-V")) && i == args.length - 1) {
          return List.of(); // The version alone needs no command.
        }
        if (arg.startsWith("-") || arg.equals("completion")) {
          return SUBCOMMANDS;
        }
        for (Class<?> subcommand : SUBCOMMANDS) {
          if (subcommand.getAnnotation(Command.class).name().equals(arg)) {
            return List.of(subcommand);
          }
        }
        return SUBCOMMANDS;
      }
    }
    return SUBCOMMANDS;
  }

  @Option(
      names = "-C",
      paramLabel = "DIR",
      description = "Run as if packer was started in DIR (like git -C).")
  Path directory;

  private Context context;

  void bind(Context newContext) {
    this.context = newContext;
  }

  Context context() {
    return context;
  }

  Terminal terminal() {
    return context.terminal();
  }

  /** The folder the user means: -C DIR resolved against the working directory, or it. */
  Path base() {
    Path cwd = context.workingDirectory();
    return directory == null ? cwd : cwd.resolve(directory).toAbsolutePath().normalize();
  }

  Workspace openForReading() throws IOException, NotAWorkspaceException {
    return Workspace.openForReading(base(), context.options());
  }

  Workspace openForWriting(String purpose) throws IOException, NotAWorkspaceException, WorkspaceLockedException {
    return Workspace.openForWriting(base(), context.options(), purpose);
  }

  /** Where a write command submits: this process under the lock, or the packer serve holding it. */
  WriteLane openLane(String purpose)
      throws IOException, NotAWorkspaceException, WorkspaceLockedException, ServerUnavailableException {
    return WriteLane.open(base(), context.options(), purpose);
  }
}
