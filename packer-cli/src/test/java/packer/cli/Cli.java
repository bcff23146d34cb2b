package packer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import packer.workspace.Options;

/**
 * Runs the packer command line in this JVM, as if started in a given folder, and captures what it
 * prints. Each instance is an immutable recipe: {@code cli.seed(7).env("NO_COLOR", "1").run("ls")}.
 *
 * <p>The random source is seeded so ids are predictable; every run gets a fresh {@link Random} with
 * the same seed unless {@link #options} says otherwise.
 */
final class Cli {

  private final Path workingDirectory;
  private final Map<String, String> environment;
  private final long seed;
  private final Options options;
  private final boolean interactive;

  private Cli(Path workingDirectory, Map<String, String> environment, long seed, Options options, boolean interactive) {
    this.workingDirectory = workingDirectory;
    this.environment = environment;
    this.seed = seed;
    this.options = options;
    this.interactive = interactive;
  }

  /** A non-interactive packer started in {@code workingDirectory}, with an empty environment. */
  static Cli in(Path workingDirectory) {
    return new Cli(workingDirectory.toAbsolutePath().normalize(), Map.of(), 1, null, false);
  }

  /** The same packer started in another folder. */
  Cli at(Path newWorkingDirectory) {
    return new Cli(newWorkingDirectory.toAbsolutePath().normalize(), environment, seed, options, interactive);
  }

  /** Ids drawn from {@code new Random(newSeed)}, fresh for every run. */
  Cli seed(long newSeed) {
    return new Cli(workingDirectory, environment, newSeed, null, interactive);
  }

  /** Runs with exactly these options (disk, random source, types), shared by every run. */
  Cli options(Options newOptions) {
    return new Cli(workingDirectory, environment, seed, newOptions, interactive);
  }

  Cli env(String name, String value) {
    Map<String, String> next = new TreeMap<>(environment);
    next.put(name, value);
    return new Cli(workingDirectory, next, seed, options, interactive);
  }

  /** As if stdout were a terminal. */
  Cli interactive() {
    return new Cli(workingDirectory, environment, seed, options, true);
  }

  CliResult run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Options used = options != null ? options : Options.defaults().withRandom(new Random(seed));
    int code;
    try (PrintWriter outWriter = new PrintWriter(out); PrintWriter errWriter = new PrintWriter(err)) {
      code = Main.run(args, workingDirectory, environment, used, outWriter, errWriter, interactive);
    }
    return new CliResult(String.join(" ", args), code, out.toString(), err.toString());
  }
}
