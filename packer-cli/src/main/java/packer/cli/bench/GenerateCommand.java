package packer.cli.bench;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true, description = {
    "Write a synthetic workspace of N registered blob assets into DIR (absent or empty).",
    "The same seed gives the same bytes: assets/ one to four folders deep, one to three inputs "
        + "each of log-normal size (median 4 KiB, long tail), a few tags. For benchmarks."})
final class GenerateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR", description = "Where to write it; must be absent or empty.")
  Path dir;

  @Option(names = "--assets", paramLabel = "N", required = true, description = "How many assets.")
  int assets;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--total-bytes", paramLabel = "B", converter = ByteSize.class,
      description = "Scale input sizes to sum to B (e.g. 200M, 2G); default: their natural log-normal sum.")
  Long totalBytes;

  @Option(names = "--one-input", description = "One input per asset, so that the workspace builds (blob takes one).")
  boolean oneInput;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    WorkspaceGenerator.Settings settings;
    try {
      settings = new WorkspaceGenerator.Settings(
          assets, seed, totalBytes == null ? OptionalLong.empty() : OptionalLong.of(totalBytes), oneInput);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    WorkspaceGenerator.Summary summary;
    try {
      summary = new WorkspaceGenerator(settings, Math.max(2, Runtime.getRuntime().availableProcessors())).generate(dir);
    } catch (FileAlreadyExistsException e) {
      throw new ParameterException(spec.commandLine(), e.getFile() + ": " + e.getReason());
    }
    spec.commandLine().getOut().println(String.format(Locale.ROOT,
        "generated %d assets (%d input files, %s) in %s in %.1f s",
        summary.assets(), summary.inputFiles(), ByteSize.format(summary.inputBytes()), summary.root(),
        summary.nanos() / 1e9));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
