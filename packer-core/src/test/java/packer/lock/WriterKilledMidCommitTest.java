package packer.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packer.id.AssetId;
import packer.journal.IntentJournal;
import packer.lane.Command;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * The kill -9 loop of RELIABILITY.md: a child JVM renames one asset as fast as it can, printing
 * each name once {@code execute} returned, and is killed with SIGKILL at a random moment; the next
 * writer must find every acknowledged commit and a consistent workspace.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WriterKilledMidCommitTest {

  private static final int ROUNDS = 5;
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void aWriterKilledWhileCommittingLosesNoAcknowledgedCommit() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path root = Workspace.init(dir.resolve("game"), "game");
    AssetId hero;
    try (Workspace workspace = Workspace.openForWriting(root, Options.defaults(), "setup")) {
      hero = workspace.execute(new Command.Create("assets/hero", Optional.empty(), "blob", List.of(), List.of())).id();
    }
    List<String> recovered = new ArrayList<>();

    for (int round = 1; round <= ROUNDS; round++) {
      String prefix = "round" + round;
      String lastAcknowledged;
      try (WriterChild writer = WriterChild.start("rename-loop", root, hero.hex(), prefix)) {
        writer.awaitLineCount(2 + random.nextInt(10), WAIT);
        LockSupport.parkNanos(random.nextInt(5_000_000));
        writer.killHard();
        List<String> acknowledged = writer.lines();
        lastAcknowledged = acknowledged.get(acknowledged.size() - 1);
      }
      long n = Long.parseLong(lastAcknowledged.substring(prefix.length() + 1));
      String inFlight = prefix + "-" + (n + 1);
      String context = "seed " + seed + ", round " + round + ", last acknowledged " + lastAcknowledged;

      try (Workspace next = Workspace.openForWriting(root, Options.defaults(), "after the kill")) {
        recovered.addAll(next.recoveryEvents());
        assertThat(journalEntries(root)).as(context).isEmpty();
        assertThat(next.snapshot().diagnostics()).as(context).isEmpty();
        assertThat(next.snapshot().assets()).as(context).singleElement()
            .satisfies(asset -> assertThat(asset.id()).contains(hero))
            .satisfies(asset -> assertThat(asset.state()).isEqualTo(AssetState.REGISTERED))
            .satisfies(asset -> assertThat(asset.folder()).isEqualTo("assets/hero"))
            .extracting(Asset::name).isIn(Optional.of(lastAcknowledged), Optional.of(inFlight));
      }
    }
  }

  private static List<Path> journalEntries(Path root) throws IOException {
    Path journal = root.resolve(IntentJournal.FOLDER);
    if (!Files.isDirectory(journal)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(journal)) {
      return entries.toList();
    }
  }
}
