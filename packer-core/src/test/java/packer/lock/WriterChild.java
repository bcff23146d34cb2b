package packer.lock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A running {@link WriterProcess}, as a test sees it: the complete lines it printed so far, a way to
 * wait for one, and SIGKILL. Always closed, so no child outlives its test.
 */
final class WriterChild implements AutoCloseable {

  private final Process process;
  // Only lines ended by '\n': a line cut short by SIGKILL was never acknowledged.
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Thread stdoutPump;
  private final Thread stderrPump;

  private WriterChild(Process process) {
    this.process = process;
    this.stdoutPump = new Thread(this::pumpStdout, "child-" + process.pid() + "-stdout");
    this.stderrPump = new Thread(this::pumpStderr, "child-" + process.pid() + "-stderr");
    stdoutPump.setDaemon(true);
    stderrPump.setDaemon(true);
    stdoutPump.start();
    stderrPump.start();
  }

  /** Starts {@code WriterProcess mode root args...} in a fresh JVM with this JVM's class path. */
  static WriterChild start(String mode, Path root, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-XX:TieredStopAtLevel=1"); // Starts faster; these children run briefly.
    command.add(WriterProcess.class.getName());
    command.add(mode);
    command.add(root.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("LC_ALL", "C.UTF-8");
    return new WriterChild(builder.start());
  }

  long pid() {
    return process.pid();
  }

  /** Every complete line printed so far. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /** Waits until a line matching {@code wanted} was printed; fails if the child dies or stalls. */
  String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (true) {
      List<String> now = lines();
      for (; seen < now.size(); seen++) {
        if (wanted.test(now.get(seen))) {
          return now.get(seen);
        }
      }
      if (!process.isAlive() && !stdoutPump.isAlive() && lines.size() == seen) {
        throw new AssertionError("child " + pid() + " exited with " + process.exitValue()
            + " before printing the line awaited; stdout " + lines() + ", stderr:\n" + stderr());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("child " + pid() + " printed no line awaited within " + timeout
            + "; stdout " + lines() + ", stderr:\n" + stderr());
      }
      Thread.sleep(2);
    }
  }

  String awaitLine(String exactly, Duration timeout) throws InterruptedException {
    return awaitLine(exactly::equals, timeout);
  }

  /** Waits until the child has printed at least {@code count} lines. */
  void awaitLineCount(int count, Duration timeout) throws InterruptedException {
    int[] seen = {0};
    awaitLine(line -> ++seen[0] >= count, timeout);
  }

  /** Waits for the child to exit by itself; returns its exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("child " + pid() + " did not exit within " + timeout + "; stderr:\n" + stderr());
    }
    stdoutPump.join(timeout.toMillis());
    return process.exitValue();
  }

  /**
   * SIGKILL on Linux: no shutdown hook, no finally block, no flush runs. Returns once the process
   * is gone and everything it had written to stdout has been read.
   */
  void killHard() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError("child " + pid() + " survived SIGKILL for 10 s");
    }
    stdoutPump.join(10_000);
  }

  String stderr() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  /** Lets the child go (closing its stdin ends every waiting mode) and kills it if it lingers. */
  @Override
  public void close() throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // It is already gone.
    }
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void pumpStdout() {
    try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          lines.add(line.toString());
          line.setLength(0);
        } else {
          line.append((char) c);
        }
      }
    } catch (IOException e) {
      // The child is gone; what it finished printing is in lines.
    }
  }

  private void pumpStderr() {
    try (InputStream in = process.getErrorStream()) {
      byte[] buffer = new byte[4096];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (stderr) {
          stderr.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      // The child is gone.
    }
  }
}
