package packer.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.id.AssetId;
import packer.snapshot.Snapshot;
import packer.workspace.Options;
import packer.workspace.Workspace;

/** Reconciliations run in the lane between commits and publish only what they derive. */
class LaneReconcileTest {

  @TempDir Path dir;

  @Test
  void aReconciliationSeesEveryCommandBeforeItAndNoneAfter() throws Exception {
    Path root = Workspace.init(dir.resolve("ws"), "ws");
    try (Workspace ws = Workspace.openForWriting(root, Options.defaults(), "test")) {
      AssetId id = ws.execute(new Command.Create("assets/a", Optional.empty(), "blob", List.of(), List.of())).id();
      List<String> seen = Collections.synchronizedList(new ArrayList<>());
      List<CompletableFuture<?>> all = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        all.add(ws.submit(new Command.Rename(id, "before" + i), OptionalLong.empty()));
      }
      CompletableFuture<Snapshot> reconciled = ws.reconcile((base, version, folders, rescan) -> {
        seen.add(base.byId(id).orElseThrow().name().orElseThrow());
        return Optional.empty();
      });
      all.add(ws.submit(new Command.Rename(id, "after"), OptionalLong.empty()));
      CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();

      assertThat(seen).containsExactly("before19");
      assertThat(reconciled.join().byId(id).orElseThrow().name()).contains("before19");
      assertThat(ws.snapshot().byId(id).orElseThrow().name()).contains("after");
    }
  }

  @Test
  void aReconciliationQueuedWhenTheLaneDiesFailsInsteadOfWaitingForever() throws Exception {
    Path root = Workspace.init(dir.resolve("ws"), "ws");
    Workspace ws = Workspace.openForWriting(root, Options.defaults(), "test");
    try {
      java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      CompletableFuture<Snapshot> fatal = ws.reconcile((base, version, folders, rescan) -> {
        running.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new OutOfMemoryError("simulated: the process is going down");
      });
      running.await();
      CompletableFuture<Snapshot> queued = ws.reconcile((base, version, folders, rescan) -> Optional.empty());
      release.countDown();

      assertThatThrownBy(() -> queued.get(10, java.util.concurrent.TimeUnit.SECONDS))
          .isInstanceOf(java.util.concurrent.ExecutionException.class)
          .hasCauseInstanceOf(OutOfMemoryError.class);
      assertThatThrownBy(fatal::join).hasCauseInstanceOf(OutOfMemoryError.class);
    } finally {
      try {
        ws.close();
      } catch (RuntimeException | Error e) {
          // The lane is dead on purpose; closing it may say so.
      }
    }
  }

  @Test
  void nothingChangedPublishesNothingAndAChangeIsTheNextVersion() throws Exception {
    Path root = Workspace.init(dir.resolve("ws"), "ws");
    try (Workspace ws = Workspace.openForWriting(root, Options.defaults(), "test")) {
      long before = ws.snapshot().version();
      assertThat(ws.reconcile((base, version, folders, rescan) -> Optional.empty()).join().version())
          .isEqualTo(before);

      Snapshot next = ws.reconcile((base, version, folders, rescan) -> Optional.of(Snapshot.of(version, rescan.read())))
          .join();
      assertThat(next.version()).isEqualTo(before + 1);
      assertThat(ws.snapshot()).isSameAs(next);
    }
  }

  @Test
  void aFailedReconciliationFailsAloneAndTheLaneGoesOn() throws Exception {
    Path root = Workspace.init(dir.resolve("ws"), "ws");
    try (Workspace ws = Workspace.openForWriting(root, Options.defaults(), "test")) {
      CompletableFuture<Snapshot> failed = ws.reconcile((base, version, folders, rescan) -> {
        throw new IOException("disk went away");
      });
      assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).hasMessageContaining("disk went away");
      assertThat(ws.execute(new Command.Create("assets/b", Optional.empty(), "blob", List.of(), List.of())).id())
          .isNotNull();
    }
  }

  @Test
  void aClosedLaneRefusesReconciliations() throws Exception {
    Path root = Workspace.init(dir.resolve("ws"), "ws");
    Workspace ws = Workspace.openForWriting(root, Options.defaults(), "test");
    ws.close();
    assertThatThrownBy(() -> ws.reconcile((base, version, folders, rescan) -> Optional.empty()).join())
        .hasMessageContaining("closed");
  }
}
