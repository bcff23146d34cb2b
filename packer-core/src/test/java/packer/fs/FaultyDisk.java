package packer.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A real disk that counts its steps (every call is one step, numbered from 1) and can fail one of
 * them: halt the "process" at step k with a {@link SimulatedCrash}, or throw an {@link IOException}
 * at step k once, or at every step from k on. A failing step does nothing before it throws.
 *
 * <pre>{@code
 * FaultyDisk counting = FaultyDisk.counting();   // run once to learn the step count n
 * FaultyDisk crashing = FaultyDisk.haltingAt(k); // then crash at each k in 1..n
 * }</pre>
 */
public final class FaultyDisk implements Disk {

  private enum Fault { NONE, HALT, FAIL_ONCE, FAIL_FROM }

  private final Disk delegate;
  private final Fault fault;
  private final int at;
  private final List<String> steps = new ArrayList<>();

  private FaultyDisk(Disk delegate, Fault fault, int at) {
    if (fault != Fault.NONE && at < 1) {
      throw new IllegalArgumentException("steps are numbered from 1, not " + at);
    }
    this.delegate = delegate;
    this.fault = fault;
    this.at = at;
  }

  /** Counts the steps taken on the real disk and never fails. */
  public static FaultyDisk counting() {
    return new FaultyDisk(new OsDisk(), Fault.NONE, 0);
  }

  /** Throws {@link SimulatedCrash} at step {@code step}, as if the process died just before it. */
  public static FaultyDisk haltingAt(int step) {
    return haltingAt(step, new OsDisk());
  }

  /** Throws an {@link IOException} at step {@code step}; the steps after it work again. */
  public static FaultyDisk failingOnceAt(int step) {
    return failingOnceAt(step, new OsDisk());
  }

  /** Throws an {@link IOException} at step {@code step} and at every step after it. */
  public static FaultyDisk failingFrom(int step) {
    return failingFrom(step, new OsDisk());
  }

  /** Like {@link #counting()}, over {@code disk} (such as a {@link NoSyncDisk}). */
  public static FaultyDisk counting(Disk disk) {
    return new FaultyDisk(disk, Fault.NONE, 0);
  }

  /** Like {@link #haltingAt(int)}, over {@code disk}. */
  public static FaultyDisk haltingAt(int step, Disk disk) {
    return new FaultyDisk(disk, Fault.HALT, step);
  }

  /** Like {@link #failingOnceAt(int)}, over {@code disk}. */
  public static FaultyDisk failingOnceAt(int step, Disk disk) {
    return new FaultyDisk(disk, Fault.FAIL_ONCE, step);
  }

  /** Like {@link #failingFrom(int)}, over {@code disk}. */
  public static FaultyDisk failingFrom(int step, Disk disk) {
    return new FaultyDisk(disk, Fault.FAIL_FROM, step);
  }

  /** How many steps were attempted, the failed ones included. */
  public synchronized int steps() {
    return steps.size();
  }

  /** What step {@code step} (from 1) was, such as {@code "move /ws/a -> /ws/b"}. */
  public synchronized String describe(int step) {
    return step >= 1 && step <= steps.size() ? steps.get(step - 1) : "no step " + step;
  }

  /** Whether the planned fault has been thrown. */
  public synchronized boolean fired() {
    return fault != Fault.NONE && steps.size() >= at;
  }

  @Override
  public void write(Path file, byte[] content) throws IOException {
    step("write " + file);
    delegate.write(file, content);
  }

  @Override
  public void copy(Path source, Path target) throws IOException {
    step("copy " + source + " -> " + target);
    delegate.copy(source, target);
  }

  @Override
  public void move(Path source, Path target) throws IOException {
    step("move " + source + " -> " + target);
    delegate.move(source, target);
  }

  @Override
  public void delete(Path path) throws IOException {
    step("delete " + path);
    delegate.delete(path);
  }

  @Override
  public void createDirectory(Path dir) throws IOException {
    step("createDirectory " + dir);
    delegate.createDirectory(dir);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    step("syncDirectory " + dir);
    delegate.syncDirectory(dir);
  }

  private void step(String what) throws IOException {
    int step;
    synchronized (this) {
      steps.add(what);
      step = steps.size();
    }
    String where = String.format(Locale.ROOT, "at step %d (%s)", step, what);
    switch (fault) {
      case HALT:
        if (step == at) {
          throw new SimulatedCrash("simulated crash " + where);
        }
        break;
      case FAIL_ONCE:
        if (step == at) {
          throw new IOException("injected I/O error " + where);
        }
        break;
      case FAIL_FROM:
        if (step >= at) {
          throw new IOException("injected persistent I/O error " + where);
        }
        break;
      case NONE:
        break;
    }
  }
}
