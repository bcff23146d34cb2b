package packer.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import packer.cli.remote.ServerUnavailableException;
import packer.lane.CommandRejected;
import packer.lock.WorkspaceLockedException;
import packer.pack.PackFormatException;
import packer.workspace.NotAWorkspaceException;
import packer.workspace.Options;
import picocli.CommandLine;

/** The {@code packer} command. Only {@link #main} exits; everything else returns a code. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    boolean interactive = System.console() != null;
    int code = run(args, Path.of("").toAbsolutePath(), System.getenv(), new DefaultOptions(), out, System.out, err,
        interactive);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs packer with {@code args} as if started in {@code workingDirectory}; returns its exit code. */
  public static int run(String[] args, Path workingDirectory, Map<String, String> environment, Options options,
      PrintWriter out, PrintWriter err, boolean interactive) {
    // Raw bytes go to the text writer decoded as UTF-8: fine for text, lossy for binary data.
    OutputStream bytesOut = new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        out.write(new String(b, off, len, StandardCharsets.UTF_8));
      }

      @Override
      public void flush() {
        out.flush();
      }
    };
    return run(args, workingDirectory, environment, options, out, bytesOut, err, interactive);
  }

  /** As above, with {@code bytesOut} the stream under {@code out} for commands that print raw bytes. */
  public static int run(String[] args, Path workingDirectory, Map<String, String> environment, Options options,
      PrintWriter out, OutputStream bytesOut, PrintWriter err, boolean interactive) {
    return run(args, workingDirectory, environment, () -> options, out, bytesOut, err, interactive);
  }

  private static int run(String[] args, Path workingDirectory, Map<String, String> environment,
      Supplier<Options> options, PrintWriter out, OutputStream bytesOut, PrintWriter err, boolean interactive) {
    Terminal terminal = new Terminal(out, bytesOut, err, Terminal.colorWanted(environment, interactive), interactive);
    PackerCommand root = new PackerCommand();
    root.bind(new Context(workingDirectory, terminal, environment, options));
    CommandLine commandLine = new CommandLine(root);
    for (Class<?> subcommand : PackerCommand.subcommandsFor(args)) {
      commandLine.addSubcommand(subcommand); // Before the settings below, which apply to those present.
    }
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(
        terminal.isColored() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    commandLine.setExitCodeExceptionMapper(Main::exitCodeOf);
    commandLine.setParameterExceptionHandler((e, a) -> {
      err.println("packer: " + e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
      err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      return ExitCode.USAGE;
    });
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      err.println(terminal.red("packer: ") + messageOf(e));
      if (exitCodeOf(e) == ExitCode.INTERNAL) {
        e.printStackTrace(err);
      }
      return exitCodeOf(e);
    });
    return commandLine.execute(args);
  }

  static int exitCodeOf(Throwable e) {
    if (e instanceof UsageException || e instanceof NotAWorkspaceException || e instanceof UnusablePluginException) {
      return ExitCode.USAGE;
    }
    if (e instanceof WorkspaceLockedException || e instanceof ServerUnavailableException) {
      return ExitCode.LOCKED;
    }
    if (e instanceof CommandRejected rejected) {
      switch (rejected.reason()) {
        case NOT_FOUND:
          return ExitCode.USAGE;
        case CONFLICT:
          return ExitCode.CONFLICT;
        default:
          return ExitCode.REFUSED;
      }
    }
    if (e instanceof PackFormatException || e instanceof DamagedPackException) {
      return ExitCode.PROBLEMS;
    }
    if (e instanceof IOException) {
      return ExitCode.IO;
    }
    return ExitCode.INTERNAL;
  }

  private static String messageOf(Throwable e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + e.getMessage();
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    if (exitCodeOf(e) == ExitCode.INTERNAL) {
      return "internal error (" + e + "); please report it with the command you ran";
    }
    return e.getMessage();
  }
}
