package packer.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on: for the report's reader, never for an output that must be deterministic. */
record Machine(int cores, String java, String os, String cpu, String memory, String git, LocalDate date) {

  static Machine describe() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
        procField(Path.of("/proc/cpuinfo"), "model name"),
        totalMemory(),
        gitVersion(),
        LocalDate.now(ZoneOffset.UTC));
  }

  String line() {
    return String.format(Locale.ROOT, "%d cores (%s), %s RAM; %s; %s; %s", cores, cpu, memory, os, java, git);
  }

  private static String totalMemory() {
    String total = procField(Path.of("/proc/meminfo"), "MemTotal");
    try {
      return ByteSize.format(Long.parseLong(total.replace("kB", "").trim()) * 1024);
    } catch (NumberFormatException e) {
      return "unknown";
    }
  }

  private static String procField(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux: say so below.
    }
    return "unknown";
  }

  private static String gitVersion() {
    try {
      ChildProcess.Result result = new ChildProcess(Path.of(System.getProperty("java.io.tmpdir")))
          .run(List.of("git", "--version"), Fixture.gitEnvironment(), false);
      return result.exitCode() == 0 ? result.stdout().trim() : "git unavailable";
    } catch (IOException e) {
      return "git unavailable";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "git unavailable";
    }
  }
}
