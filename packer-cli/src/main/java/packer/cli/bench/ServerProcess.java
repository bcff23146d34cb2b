package packer.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code packer serve} as a child process, started as the launcher starts it (its flags, its jar),
 * found through the discovery file it writes, and its CPU time read from the kernel.
 */
final class ServerProcess implements AutoCloseable {

  /** How Jetty's request threads ({@code JettyServerThreadPool-N}) show in the kernel: 15 characters. */
  static final String REQUEST_THREADS = "JettyServerThre";
  private static final long NANOS_PER_TICK = 10_000_000; // USER_HZ is 100 on every Linux there is.
  private static final long START_SECONDS = 300;

  private final Process process;
  private final Path stderr;
  private final String baseUrl;
  private final String token;

  /** CPU time so far: the whole process, and its request threads alone. */
  record Cpu(long processNanos, long requestThreadNanos) {
    Cpu since(Cpu before) {
      return new Cpu(processNanos - before.processNanos, requestThreadNanos - before.requestThreadNanos);
    }
  }

  private ServerProcess(Process process, Path stderr, String baseUrl, String token) {
    this.process = process;
    this.stderr = stderr;
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** Starts {@code packer -C workspace serve} and waits until its discovery file names it. */
  static ServerProcess start(Launcher launcher, Path workspace, Path scratch) throws IOException, InterruptedException {
    Path discovery = workspace.resolve(".packer").resolve("server.json");
    Path out = Files.createTempFile(scratch, "serve", ".out");
    Path err = Files.createTempFile(scratch, "serve", ".err");
    ProcessBuilder builder = new ProcessBuilder(launcher.command(List.of(), "-C", workspace.toString(), "serve"))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().clear();
    builder.environment().putAll(Launcher.environment());
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
    ObjectMapper mapper = new ObjectMapper();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("packer serve exited with " + process.exitValue() + " before serving: "
            + Files.readString(err, StandardCharsets.UTF_8).strip());
      }
      if (Files.isRegularFile(discovery)) {
        try {
          JsonNode found = mapper.readTree(discovery.toFile());
          if (found.path("pid").asLong() == process.pid()) {
            return new ServerProcess(process, err, found.path("url").asText(), found.path("token").asText());
          }
        } catch (IOException halfWritten) {
          // Read again below.
        }
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IOException("packer serve wrote no " + discovery + " within " + START_SECONDS + " s");
  }

  String baseUrl() {
    return baseUrl;
  }

  String token() {
    return token;
  }

  /** Its CPU time so far, from {@code /proc}: user + system, of the process and of its request threads. */
  Cpu cpu() throws IOException {
    Path proc = Path.of("/proc", Long.toString(process.pid()));
    long requestThreads = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
        } catch (IOException ended) {
          continue;
        }
        if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith(REQUEST_THREADS)) {
          requestThreads += ticks(stat);
        }
      }
    }
    return new Cpu(ticks(Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII)) * NANOS_PER_TICK,
        requestThreads * NANOS_PER_TICK);
  }

  /** utime + stime of a {@code /proc/.../stat} line. */
  private static long ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Stops it as Ctrl-C would (its shutdown hook closes the server and the workspace). */
  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IOException("packer serve did not stop within 60 s of SIGTERM: "
          + Files.readString(stderr, StandardCharsets.UTF_8).strip());
    }
  }
}
