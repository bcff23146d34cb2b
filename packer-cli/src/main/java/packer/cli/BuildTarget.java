package packer.cli;

import java.nio.file.Path;
import packer.build.Build;
import packer.snapshot.Snapshot;
import picocli.CommandLine.Option;

/** Where and on how many threads a command builds (build, watch): their shared options. */
final class BuildTarget {

  @Option(names = "--out", paramLabel = "DIR",
      description = "Write the pack and manifest to DIR instead of packer.json's build.output.")
  String out;

  @Option(names = "--threads", paramLabel = "N",
      description = "Process assets on N threads (default: one per processor); the pack is the same.")
  Integer threads;

  /** The build threads asked for; a usage error below one. */
  int threadCount() throws UsageException {
    int count = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (count < 1) {
      throw new UsageException("--threads must be at least 1: " + count);
    }
    return count;
  }

  /** The output folder: {@code --out} against where packer runs, else packer.json's. */
  Path output(Path base, Path workspaceRoot, Snapshot snapshot) {
    return out == null ? Build.outputOf(workspaceRoot, snapshot) : base.resolve(out).normalize();
  }

  /**
   * A pack or manifest as the commands print it: relative to the workspace, or under {@code --out}
   * as typed, never absolute unless typed so.
   */
  String shown(Path workspaceRoot, Path file) {
    if (out != null) {
      return Path.of(out).resolve(file.getFileName()).toString();
    }
    return workspaceRoot.relativize(file).toString();
  }
}
