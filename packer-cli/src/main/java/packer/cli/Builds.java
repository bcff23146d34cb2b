package packer.cli;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import packer.build.Build;
import packer.processor.Processors;

/** How the CLI runs builds (build, watch): the processors on the class path, on a pool of daemon threads. */
final class Builds {

  private Builds() {}

  /** A build over {@code executor} with every processor packer finds. */
  static Build create(ExecutorService executor) {
    return new Build(Processors.discover(Builds.class.getClassLoader()), executor, VersionProvider.version());
  }

  /** {@code count} build threads that never keep the JVM alive. */
  static ExecutorService threads(int count) {
    AtomicInteger next = new AtomicInteger(1);
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(runnable, "packer-build-" + next.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    };
    return Executors.newFixedThreadPool(count, factory);
  }
}
