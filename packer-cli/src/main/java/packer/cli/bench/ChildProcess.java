package packer.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one command as a child process and measures it: wall time from start to exit, CPU time
 * (user + system, from the kernel's account of waited-for children), and optionally its peak
 * resident memory.
 *
 * <p>On a shared, loaded machine the wall time of the same run varies a lot; the CPU time much
 * less, which is why both are reported.
 */
final class ChildProcess {

  /**
   * @param cpuMillis user + system time; -1 where the kernel does not say (not Linux)
   * @param peakRssKiB peak resident set size; -1 when not watched or unknown
   */
  record Result(int exitCode, long wallNanos, long cpuMillis, long peakRssKiB, String stdout, String stderr) {
    double wallMillis() {
      return wallNanos / 1e6;
    }
  }

  private static final Path SELF_STAT = Path.of("/proc/self/stat");
  private static final long TICK_MILLIS = 10; // USER_HZ is 100 on every Linux there is.

  private final Path scratch;

  /** @param scratch a folder for the children's output files */
  ChildProcess(Path scratch) {
    this.scratch = scratch;
  }

  /** The folder for the children's output files; others may put their files there too. */
  Path scratch() {
    return scratch;
  }

  Result run(List<String> command, Map<String, String> environment, boolean watchMemory)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(scratch, "child", ".out");
    Path err = Files.createTempFile(scratch, "child", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().clear();
      builder.environment().putAll(environment);
      long cpuBefore = childrenCpuMillis();
      long start = System.nanoTime();
      Process process = builder.start();
      AtomicLong peak = new AtomicLong(-1);
      Thread watcher = watchMemory ? watch(process, peak) : null;
      int exit = process.waitFor();
      long wall = System.nanoTime() - start;
      long cpuAfter = childrenCpuMillis();
      if (watcher != null) {
        watcher.join();
      }
      long cpu = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
      return new Result(exit, wall, cpu, peak.get(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Like {@link #run}, but a non-zero exit is an error that shows what the child said. */
  Result runChecked(List<String> command, Map<String, String> environment, boolean watchMemory)
      throws IOException, InterruptedException {
    Result result = run(command, environment, watchMemory);
    if (result.exitCode() != 0) {
      throw new IOException("'" + String.join(" ", command) + "' exited with " + result.exitCode() + ": "
          + (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip());
    }
    return result;
  }

  /**
   * Polls the child's high-water mark of resident memory; it only grows, so the last reading
   * before the child exits is its peak, give or take the last few milliseconds.
   */
  private static Thread watch(Process process, AtomicLong peak) {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    Thread thread = new Thread(() -> {
      while (process.isAlive()) {
        try {
          for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
            if (line.startsWith("VmHWM:")) {
              long kib = Long.parseLong(line.substring(6).replace("kB", "").trim());
              peak.accumulateAndGet(kib, Math::max);
            }
          }
          Thread.sleep(10);
        } catch (IOException | NumberFormatException gone) {
          return; // It exited (or this is not Linux).
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "packer-bench-memory");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** cutime + cstime of this process: the CPU time of every child it has waited for. */
  static long childrenCpuMillis() {
    try {
      String stat = Files.readString(SELF_STAT, StandardCharsets.US_ASCII);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17.
      return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * TICK_MILLIS;
    } catch (IOException | RuntimeException unknown) {
      return -1;
    }
  }
}
