package packer.cli;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import packer.build.BuildProgress;

/**
 * A progress bar on stderr while a build runs, only for a person at a terminal: never when the
 * output is not a terminal or with {@code --json}, so scripts and logs see the summary alone.
 */
abstract class ProgressDisplay implements BuildProgress, AutoCloseable {

  private static final int WIDTH = 80;

  static ProgressDisplay of(Terminal terminal, boolean json, String task) {
    if (json || !terminal.isInteractive()) {
      return new ProgressDisplay() {
        @Override
        public void planned(int assets) {}

        @Override
        public void assetDone() {}

        @Override
        public void close() {}
      };
    }
    return new Bar(terminal.err(), task);
  }

  @Override
  public abstract void close();

  private static final class Bar extends ProgressDisplay {

    private final PrintWriter err;
    private final String task;
    private volatile ProgressBar bar;

    Bar(PrintWriter err, String task) {
      this.err = err;
      this.task = task;
    }

    @Override
    public void planned(int assets) {
      bar = new ProgressBarBuilder()
          .setTaskName(task)
          .setInitialMax(assets)
          .setStyle(ProgressBarStyle.ASCII)
          .setUnit(" assets", 1)
          .setUpdateIntervalMillis(100)
          .startsFrom(0, Duration.ZERO)
          .setConsumer(new Consumer(err))
          .clearDisplayOnFinish()
          .build();
    }

    @Override
    public void assetDone() {
      ProgressBar current = bar;
      if (current != null) {
        current.step();
      }
    }

    @Override
    public void close() {
      ProgressBar current = bar;
      if (current != null) {
        current.close();
      }
    }
  }

  /** Draws on one line of stderr, redrawn in place. */
  private static final class Consumer implements ProgressBarConsumer {

    private final PrintWriter err;

    Consumer(PrintWriter err) {
      this.err = err;
    }

    @Override
    public int getMaxRenderedLength() {
      return WIDTH;
    }

    @Override
    public void accept(String rendered) {
      synchronized (err) {
        err.print('\r');
        err.print(rendered);
        err.flush();
      }
    }

    @Override
    public void clear() {
      synchronized (err) {
        err.print('\r');
        err.print(" ".repeat(WIDTH));
        err.print('\r');
        err.flush();
      }
    }

    @Override
    public void close() {
      err.flush();
    }
  }
}
