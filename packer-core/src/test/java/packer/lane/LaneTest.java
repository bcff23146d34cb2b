package packer.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.fs.Disk;
import packer.fs.OsDisk;
import packer.id.AssetId;
import packer.workspace.Options;
import packer.workspace.Workspace;

class LaneTest {

  @TempDir Path dir;

  /** Counts journal seals: one per group commit. */
  private static final class SealCounter implements Disk {
    final Disk real = new OsDisk();
    final AtomicInteger seals = new AtomicInteger();

    @Override public void write(Path file, byte[] content) throws IOException {
      if (file.getFileName().toString().endsWith(".intent")) {
        seals.incrementAndGet(); // The record, written in place.
      }
      real.write(file, content);
    }
    @Override public void copy(Path source, Path target) throws IOException { real.copy(source, target); }
    @Override public void move(Path source, Path target) throws IOException {
      if (target.getFileName().toString().endsWith(".intent")) {
        seals.incrementAndGet();
      }
      real.move(source, target);
    }
    @Override public void delete(Path path) throws IOException { real.delete(path); }
    @Override public void createDirectory(Path d) throws IOException { real.createDirectory(d); }
    @Override public void syncDirectory(Path d) throws IOException { real.syncDirectory(d); }
  }

  private Path workspaceWith(int assets) throws Exception {
    Path root = Workspace.init(dir.resolve("ws"), "ws");
    try (Workspace ws = Workspace.openForWriting(root, Options.defaults().withRandom(new Random(7)), "test")) {
      for (int i = 0; i < assets; i++) {
        ws.execute(new Command.Create("assets/a" + i, Optional.empty(), "blob", List.of(), List.of()));
      }
    }
    return root;
  }

  @Test
  void concurrentCommandsShareGroupCommits() throws Exception {
    Path root = workspaceWith(40);
    SealCounter disk = new SealCounter();
    try (Workspace ws = Workspace.openForWriting(root, Options.defaults().withDisk(disk), "test")) {
      List<AssetId> ids = new ArrayList<>(ws.snapshot().assetsById().keySet());
      List<CompletableFuture<Receipt>> acks = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        acks.add(ws.submit(new Command.Rename(ids.get(i), "renamed" + i), OptionalLong.empty()));
      }
      CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).join();
      assertThat(disk.seals.get()).isPositive().isLessThan(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        assertThat(ws.snapshot().byId(ids.get(i)).orElseThrow().name()).contains("renamed" + i);
        assertThat(acks.get(i).join().version()).isLessThanOrEqualTo(ws.snapshot().version());
      }
    }
  }

  @Test
  void namesStayUniqueAmongTheRenamesOfOneGroup() throws Exception {
    Path root = workspaceWith(3);
    try (Workspace ws = Workspace.openForWriting(root, Options.defaults(), "test")) {
      AssetId a0 = ws.snapshot().byName("a0").get(0).id().orElseThrow();
      AssetId a1 = ws.snapshot().byName("a1").get(0).id().orElseThrow();
      AssetId a2 = ws.snapshot().byName("a2").get(0).id().orElseThrow();
      // Submitted together, so they may share a group: a0 frees its name for a1, and a2 then
      // asks for the name a0 has just taken.
      CompletableFuture<Receipt> first = ws.submit(new Command.Rename(a0, "gem"), OptionalLong.empty());
      CompletableFuture<Receipt> second = ws.submit(new Command.Rename(a1, "a0"), OptionalLong.empty());
      CompletableFuture<Receipt> third = ws.submit(new Command.Rename(a2, "gem"), OptionalLong.empty());
      first.join();
      second.join();
      assertThatThrownBy(third::join).isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(CommandRejected.class)
          .hasMessageContaining("the name 'gem' is taken by assets/a0");
      assertThat(ws.snapshot().byName("gem")).singleElement().extracting(a -> a.id().orElseThrow()).isEqualTo(a0);
      assertThat(ws.snapshot().byName("a0")).singleElement().extracting(a -> a.id().orElseThrow()).isEqualTo(a1);
      assertThat(ws.snapshot().diagnostics()).isEmpty();
    }
  }

  @Test
  void aStaleExpectedVersionIsAConflictNamingTheCurrentVersion() throws Exception {
    Path root = workspaceWith(1);
    try (Workspace ws = Workspace.openForWriting(root, Options.defaults(), "test")) {
      AssetId id = ws.snapshot().assetsById().firstKey();
      long seen = ws.snapshot().version();
      ws.execute(new Command.Rename(id, "first"));
      assertThatThrownBy(() -> ws.submit(new Command.Rename(id, "second"), OptionalLong.of(seen)).join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(CommandRejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(CommandRejected.Reason.CONFLICT);
            assertThat(rejected.currentVersion()).hasValue(seen + 1);
          });
      assertThat(ws.snapshot().byId(id).orElseThrow().name()).contains("first");
    }
  }

  @Test
  void theLaneNeverOverwritesAnAssetJsonEditedOnDiskSinceItWasRead() throws Exception {
    Path root = workspaceWith(1);
    try (Workspace ws = Workspace.openForWriting(root, Options.defaults(), "test")) {
      AssetId id = ws.snapshot().assetsById().firstKey();
      Path file = root.resolve(ws.snapshot().byId(id).orElseThrow().folder()).resolve("asset.json");
      String edited = "{\"name\": \"edited by hand\", \"type\": \"blob\"}\n";
      Files.writeString(file, edited, StandardCharsets.UTF_8);
      assertThatThrownBy(() -> ws.execute(new Command.Rename(id, "renamed")))
          .isInstanceOfSatisfying(CommandRejected.class,
              rejected -> assertThat(rejected.reason()).isEqualTo(CommandRejected.Reason.CONFLICT))
          .hasMessageContaining("changed on disk");
      assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(edited);
    }
  }

  @Test
  void aRejectedCommandFailsAloneInItsGroup() throws Exception {
    Path root = workspaceWith(3);
    try (Workspace ws = Workspace.openForWriting(root, Options.defaults(), "test")) {
      List<AssetId> ids = new ArrayList<>(ws.snapshot().assetsById().keySet());
      CompletableFuture<Receipt> good = ws.submit(new Command.Rename(ids.get(0), "x"), OptionalLong.empty());
      CompletableFuture<Receipt> taken = ws.submit(new Command.Rename(ids.get(1), "x"), OptionalLong.empty());
      CompletableFuture<Receipt> other = ws.submit(new Command.Rename(ids.get(2), "y"), OptionalLong.empty());
      assertThat(good.join().id()).isEqualTo(ids.get(0));
      assertThatThrownBy(taken::join).cause().isInstanceOf(CommandRejected.class).hasMessageContaining("taken");
      assertThat(other.join().id()).isEqualTo(ids.get(2));
    }
  }

  @Test
  void snapshotsAreImmutableAndVersionsOnlyGoForward() throws Exception {
    Path root = workspaceWith(1);
    try (Workspace ws = Workspace.openForWriting(root, Options.defaults(), "test")) {
      AssetId id = ws.snapshot().assetsById().firstKey();
      var before = ws.snapshot();
      Receipt receipt = ws.execute(new Command.Rename(id, "later"));
      assertThat(before.byId(id).orElseThrow().name()).contains("a0");
      assertThat(receipt.version()).isGreaterThan(before.version());
      assertThat(ws.snapshot().version()).isEqualTo(receipt.version());
    }
  }
}
