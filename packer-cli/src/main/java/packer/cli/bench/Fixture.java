package packer.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generated workspaces a benchmark runs on, kept in a work folder and reused while the
 * settings that made them are the same. A marker file beside each one records that it was
 * finished, so an interrupted generation is never mistaken for a complete one.
 */
final class Fixture {

  /** A generated workspace and what it holds. */
  record Generated(Path root, int assets, long inputFiles, long inputBytes, double seconds, boolean reused) {}

  private final Path work;
  private final PrintWriter log;

  Fixture(Path work, PrintWriter log) {
    this.work = work;
    this.log = log;
  }

  Generated workspace(String name, WorkspaceGenerator.Settings settings) throws IOException {
    Path root = work.resolve(name);
    Path marker = work.resolve(name + ".generated");
    if (Files.isRegularFile(marker) && Files.isDirectory(root)) {
      String[] fields = Files.readString(marker, StandardCharsets.UTF_8).trim().split(" ");
      log.println("bench: reusing " + root);
      return new Generated(root, Integer.parseInt(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
          Double.parseDouble(fields[3]), true);
    }
    RunCommand.deleteTree(root);
    log.println(String.format(Locale.ROOT, "bench: generating %,d assets in %s", settings.assets(), root));
    log.flush();
    WorkspaceGenerator.Summary summary =
        new WorkspaceGenerator(settings, Math.max(2, Runtime.getRuntime().availableProcessors())).generate(root);
    double seconds = summary.nanos() / 1e9;
    Files.writeString(marker, String.format(Locale.ROOT, "%d %d %d %.1f%n",
        summary.assets(), summary.inputFiles(), summary.inputBytes(), seconds), StandardCharsets.UTF_8);
    return new Generated(root, summary.assets(), summary.inputFiles(), summary.inputBytes(), seconds, false);
  }

  /**
   * Makes the workspace a git repository with everything committed once (git's own local
   * state, .packer/, ignored by the .gitignore packer puts there), for git status to compare
   * against. Automatic gc and maintenance are off so that no background job runs during timing.
   */
  Path gitRepository(Path root) throws IOException, InterruptedException {
    Path marker = root.resolveSibling(root.getFileName() + ".git-committed");
    if (Files.isRegularFile(marker) && Files.isDirectory(root.resolve(".git"))) {
      return root;
    }
    log.println("bench: committing " + root + " to git (once)");
    log.flush();
    RunCommand.deleteTree(root.resolve(".git"));
    ChildProcess git = new ChildProcess(work);
    git.runChecked(List.of("git", "init", "-q", root.toString()), gitEnvironment(), false);
    git.runChecked(List.of("git", "-C", root.toString(), "config", "gc.auto", "0"), gitEnvironment(), false);
    git.runChecked(List.of("git", "-C", root.toString(), "config", "maintenance.auto", "false"), gitEnvironment(), false);
    git.runChecked(List.of("git", "-C", root.toString(), "add", "-A"), gitEnvironment(), false);
    git.runChecked(List.of("git", "-C", root.toString(), "-c", "user.name=packer bench",
        "-c", "user.email=bench@packer.invalid", "commit", "-q", "--no-verify", "-m", "generated workspace"),
        gitEnvironment(), false);
    Files.writeString(marker, "committed\n", StandardCharsets.UTF_8);
    return root;
  }

  /** git as it comes: no system or user configuration can change what is measured. */
  static Map<String, String> gitEnvironment() {
    Map<String, String> environment = new HashMap<>(Launcher.environment());
    environment.put("GIT_CONFIG_NOSYSTEM", "1");
    environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
    environment.put("GIT_TERMINAL_PROMPT", "0");
    environment.remove("GIT_DIR");
    environment.remove("GIT_WORK_TREE");
    environment.remove("GIT_INDEX_FILE");
    return environment;
  }
}
