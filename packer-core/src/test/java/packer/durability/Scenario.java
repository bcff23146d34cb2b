package packer.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import packer.fs.Disk;
import packer.fs.FaultyDisk;
import packer.fs.FileTrees;
import packer.fs.OsDisk;
import packer.lane.Command;
import packer.lane.Receipt;
import packer.workspace.Workspace;

/**
 * The commands under test on one fixture, with the states the workspace may be in after a crash:
 * the tree before them and the tree after them (and the same with a {@link #next()} command run on
 * top, for the tests where the lane goes on after a failure).
 *
 * <p>Several commands are one group commit: a warm-up command (one that rewrites a file with its
 * own bytes, so it changes nothing a test compares) holds the lane while they are queued, so the
 * lane takes them all in its next group.
 */
final class Scenario {

  private final String name;
  private final Path template;
  private final Optional<Command> warmUp;
  private final List<Command> commands;
  private final Command next;
  private Outcome before;
  private Outcome after;
  private Outcome beforeNext;
  private Outcome afterNext;
  private int firstStep;
  private int lastStep;

  Scenario(String name, Path template, Optional<Command> warmUp, List<Command> commands, Command next) {
    this.name = name;
    this.template = template;
    this.warmUp = warmUp;
    this.commands = List.copyOf(commands);
    this.next = next;
  }

  /**
   * Learns the states and the steps of the commands by running them (counting the steps on the real
   * disk), and the next command on top of the old and of the new state.
   */
  Scenario prepare(Path work) throws Exception {
    before = copyAndRead(work.resolve("before"));
    Path afterRoot = work.resolve("after");
    FaultyDisk counting = FaultyDisk.counting();
    try (Workspace workspace = open(afterRoot, counting)) {
      Throwable failure = perform(workspace, () -> firstStep = counting.steps());
      assertThat(failure).as("%s on the real disk", name).isNull();
    }
    lastStep = counting.steps();
    after = Outcome.recoverAndRead(afterRoot, new OsDisk());
    assertThat(after.tree()).as("%s changes the workspace", name).isNotEqualTo(before.tree());

    Path beforeNextRoot = work.resolve("before-next");
    try (Workspace workspace = open(beforeNextRoot, Outcome.healthyDisk())) {
      workspace.execute(next);
    }
    beforeNext = Outcome.recoverAndRead(beforeNextRoot);
    Path afterNextRoot = work.resolve("after-next");
    try (Workspace workspace = open(afterNextRoot, Outcome.healthyDisk())) {
      assertThat(perform(workspace, () -> { })).isNull();
      workspace.execute(next);
    }
    afterNext = Outcome.recoverAndRead(afterNextRoot);
    return this;
  }

  private Outcome copyAndRead(Path root) throws Exception {
    FileTrees.copy(template, root);
    return Outcome.recoverAndRead(root);
  }

  /** Copies the fixture to {@code root} (which must not exist) and opens it for writing. */
  Workspace open(Path root, Disk disk) throws Exception {
    FileTrees.copy(template, root);
    return Workspace.openForWriting(root, Outcome.options(disk), "crash test");
  }

  /**
   * Runs the commands; {@code beforeCommands} runs just before the first of them is submitted
   * (after the warm-up, if any, has written everything).
   *
   * @return null when every command succeeded, else what they failed with
   */
  Throwable perform(Workspace workspace, Runnable beforeCommands) throws Exception {
    if (warmUp.isEmpty() && commands.size() == 1) {
      beforeCommands.run();
      try {
        workspace.execute(commands.get(0));
        return null;
      } catch (Exception failure) { // A simulated crash arrives wrapped in a CompletionException.
        return failure;
      }
    }
    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    CompletableFuture<Receipt> warm = null;
    AutoCloseable subscription = workspace.snapshots().subscribe(snapshot -> {
      if (first.getAndSet(false)) {
        held.countDown();
        awaitQuietly(release); // On the lane thread: the commands queue up meanwhile.
      }
    });
    try {
      if (warmUp.isPresent()) {
        warm = workspace.submit(warmUp.get(), OptionalLong.empty());
        assertThat(held.await(30, TimeUnit.SECONDS)).as("the warm-up of %s is published", name).isTrue();
      }
      beforeCommands.run();
      for (Command command : commands) {
        futures.add(workspace.submit(command, OptionalLong.empty()));
      }
    } finally {
      release.countDown();
      subscription.close();
    }
    if (warm != null) {
      warm.join();
    }
    return outcomeOfGroup(futures);
  }

  /** One group commit succeeds or fails as a whole, with one cause for every caller. */
  private Throwable outcomeOfGroup(List<CompletableFuture<Receipt>> futures) {
    List<Receipt> receipts = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (CompletableFuture<Receipt> future : futures) {
      try {
        receipts.add(future.join());
      } catch (CompletionException e) {
        failures.add(e.getCause());
      }
    }
    if (failures.isEmpty()) {
      assertThat(receipts).as("the commands of %s are one group commit", name)
          .extracting(Receipt::version).containsOnly(receipts.get(0).version());
      return null;
    }
    assertThat(receipts).as("commands of the failed group commit %s that succeeded", name).isEmpty();
    assertThat(failures).as("causes of the failed group commit %s", name).containsOnly(failures.get(0));
    return failures.get(0);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String name() {
    return name;
  }

  /** The fixture tree as it was when the commands started. */
  Path template() {
    return template;
  }

  Command next() {
    return next;
  }

  Outcome before() {
    return before;
  }

  Outcome after() {
    return after;
  }

  Outcome beforeNext() {
    return beforeNext;
  }

  Outcome afterNext() {
    return afterNext;
  }

  /** The steps (from 1) that the commands under test take: {@code firstStep() + 1 .. lastStep()}. */
  int firstStep() {
    return firstStep;
  }

  int lastStep() {
    return lastStep;
  }

  @Override
  public String toString() {
    return name;
  }
}
