package packer.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packer.id.AssetId;
import packer.journal.IntentJournal;
import packer.lane.Command;
import packer.snapshot.Asset;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * One writer across processes: real child JVMs ({@link WriterProcess}) hold the workspace lock, and
 * this JVM, a second process, contends for it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CrossProcessLockTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private Path root;
  private AssetId hero;
  private final List<WriterChild> children = new ArrayList<>();

  @BeforeEach
  void createWorkspaceWithOneAsset() throws Exception {
    root = Workspace.init(dir.resolve("game"), "game");
    try (Workspace workspace = Workspace.openForWriting(root, Options.defaults(), "setup")) {
      hero = workspace.execute(new Command.Create("assets/hero", Optional.empty(), "blob", List.of(), List.of())).id();
    }
  }

  @AfterEach
  void stopChildren() throws Exception {
    for (WriterChild child : children) {
      child.close();
    }
  }

  @Test
  void aSecondWriterIsRefusedNamingTheHoldersPidAndPurpose() throws Exception {
    WriterChild holder = start("hold", "importing textures");
    holder.awaitLine("HOLDING", WAIT);

    assertThatThrownBy(() -> Workspace.openForWriting(root, Options.defaults(), "second writer"))
        .isInstanceOf(WorkspaceLockedException.class)
        .hasMessageContaining("pid " + holder.pid())
        .hasMessageContaining("importing textures");
  }

  @Test
  void aReaderInAnotherProcessWorksWhileTheWriterHolds() throws Exception {
    WriterChild holder = start("hold", "importing textures");
    holder.awaitLine("HOLDING", WAIT);

    try (Workspace reader = Workspace.openForReading(root, Options.defaults())) {
      assertThat(reader.isWritable()).isFalse();
      assertThat(reader.snapshot().byId(hero)).get().extracting(Asset::name).isEqualTo(Optional.of("hero"));
      assertThat(reader.snapshot().diagnostics()).isEmpty();
    }
  }

  @Test
  void theNextWriterWinsAtOnceWhenTheHolderIsKilled() throws Exception {
    WriterChild holder = start("hold", "importing textures");
    holder.awaitLine("HOLDING", WAIT);

    holder.killHard();

    // No retry, no waiting for a stale lock to expire: the kernel released it with the process.
    try (Workspace next = Workspace.openForWriting(root, Options.defaults(), "next writer")) {
      assertThat(next.isWritable()).isTrue();
      assertThat(WorkspaceLock.describeOwner(root))
          .isEqualTo("pid " + ProcessHandle.current().pid() + ": next writer");
    }
  }

  @Test
  void theNextWriterRollsForwardTheCommitAKilledHolderHadSealed() throws Exception {
    WriterChild holder = start("hold-sealed", "renaming", hero.hex(), "hero-renamed");
    holder.awaitLine("SEALED", WAIT);
    assertThat(journalEntries()).as("the sealed record").isNotEmpty();
    assertThat(Files.readString(root.resolve("assets/hero/asset.json"), StandardCharsets.UTF_8))
        .as("not applied yet").doesNotContain("hero-renamed");

    holder.killHard();

    try (Workspace next = Workspace.openForWriting(root, Options.defaults(), "next writer")) {
      assertThat(next.recoveryEvents()).singleElement().asString().startsWith("rolled forward interrupted commit");
      assertThat(next.snapshot().byId(hero)).get().extracting(Asset::name).isEqualTo(Optional.of("hero-renamed"));
      assertThat(next.snapshot().diagnostics()).isEmpty();
    }
    assertThat(journalEntries()).isEmpty();
  }

  @Test
  void readingTheWorkspaceInTheHolderProcessNeverReleasesTheLock() throws Exception {
    WriterChild holder = start("read-then-hold", "reading while holding");
    holder.awaitLine(line -> line.startsWith("HOLDING"), WAIT);

    assertThatThrownBy(() -> Workspace.openForWriting(root, Options.defaults(), "second writer"))
        .isInstanceOf(WorkspaceLockedException.class)
        .hasMessageContaining("pid " + holder.pid())
        .hasMessageContaining("reading while holding");
  }

  /**
   * Why packer never touches the lock file but to lock it: on POSIX, closing any descriptor of it
   * drops the process's lock. This also shows the test above would see a dropped lock.
   */
  @Test
  void readingTheLockFileItselfWouldReleaseTheLock() throws Exception {
    WriterChild holder = start("read-lock-file-then-hold", "reading the lock file");
    holder.awaitLine(line -> line.startsWith("HOLDING"), WAIT);

    try (Workspace intruder = Workspace.openForWriting(root, Options.defaults(), "intruder")) {
      assertThat(intruder.isWritable()).isTrue();
    }
  }

  @Test
  void aRefusalInsideTheHoldingProcessKeepsTheLockAgainstOtherProcesses() throws Exception {
    try (Workspace first = Workspace.openForWriting(root, Options.defaults(), "first writer")) {
      assertThatThrownBy(() -> Workspace.openForWriting(root, Options.defaults(), "same process"))
          .isInstanceOf(WorkspaceLockedException.class);
      assertThatThrownBy(() -> WorkspaceLock.acquire(root.resolve("assets/.."), "same process"))
          .isInstanceOf(WorkspaceLockedException.class);

      WriterChild other = start("try-write", "other process");
      assertThat(other.awaitLine(line -> line.startsWith("REFUSED") || line.equals("OPENED"), WAIT))
          .startsWith("REFUSED")
          .contains("pid " + ProcessHandle.current().pid())
          .contains("first writer");
      assertThat(first.isWritable()).isTrue();
    }
  }

  /**
   * Two workspaces can share one lock file (a {@code .packer} linked to the same place, or one
   * folder reached through two mounts); the second in this JVM must be refused without closing a
   * descriptor of the file the first has locked, which would drop its lock.
   */
  @Test
  void aSecondWorkspaceSharingTheLockFileIsRefusedWithoutDroppingTheLock() throws Exception {
    Path twin = Workspace.init(dir.resolve("twin"), "twin");
    deleteTree(twin.resolve(Workspace.LOCAL_FOLDER));
    Files.createSymbolicLink(twin.resolve(Workspace.LOCAL_FOLDER), root.resolve(Workspace.LOCAL_FOLDER));

    try (Workspace first = Workspace.openForWriting(root, Options.defaults(), "first writer")) {
      assertThatThrownBy(() -> Workspace.openForWriting(twin, Options.defaults(), "twin writer"))
          .isInstanceOf(WorkspaceLockedException.class);

      WriterChild other = start("try-write", "other process");
      assertThat(other.awaitLine(line -> line.startsWith("REFUSED") || line.equals("OPENED"), WAIT))
          .startsWith("REFUSED")
          .contains("first writer");
    }
  }

  private List<Path> journalEntries() throws IOException {
    try (Stream<Path> entries = Files.list(root.resolve(IntentJournal.FOLDER))) {
      return entries.toList();
    }
  }

  private static void deleteTree(Path path) throws IOException {
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
  }

  private WriterChild start(String mode, String... args) throws Exception {
    WriterChild child = WriterChild.start(mode, root, args);
    children.add(child);
    return child;
  }
}
