package packer.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import packer.id.AssetId;
import packer.server.build.BuildStatus;
import packer.server.http.ApiError;
import packer.server.http.Json;
import packer.snapshot.Asset;
import packer.snapshot.Snapshot;
import packer.snapshot.SnapshotPublisher;

/**
 * {@code GET /api/events}: a server-sent event per published snapshot, naming what changed, with a
 * bounded history so a client reconnecting with {@code Last-Event-ID} gets what it missed; and
 * {@code build} events, without id and not replayed, as a build starts, progresses and ends.
 *
 * <p>Everything here (history, clients, every write to a stream) runs on one thread of its own:
 * the lane only queues the snapshot it published, so a slow client never slows a commit.
 */
public final class EventStream implements AutoCloseable {

  public static final int HISTORY = 256;
  public static final Duration HEARTBEAT = Duration.ofSeconds(15);
  /** At most this often a build's progress goes out; its start and end go out at once. */
  public static final Duration BUILD_PROGRESS_EVERY = Duration.ofMillis(100);

  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "packer-events");
    t.setDaemon(true);
    return t;
  });
  private final ArrayDeque<Event> history = new ArrayDeque<>();
  private final List<SseClient> clients = new ArrayList<>();
  private final AutoCloseable subscription;
  private Snapshot last;
  private BuildStatus unsentBuild;
  private long lastBuildSentNanos = System.nanoTime() - BUILD_PROGRESS_EVERY.toNanos();
  private ScheduledFuture<?> buildFlush;

  /** One sent event; {@code previous} is the version it was diffed against. */
  private record Event(long previous, long version, String data) {}

  public EventStream(SnapshotPublisher snapshots, Duration heartbeat) {
    this.last = snapshots.current();
    this.subscription = snapshots.subscribe(next -> submit(() -> published(next)));
    long every = heartbeat.toMillis();
    thread.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
  }

  public void register(RoutesConfig routes) {
    SseHandler stream = new SseHandler(client -> {
      client.keepAlive();
      String lastEventId = client.ctx().header("Last-Event-ID");
      client.onClose(() -> submit(() -> clients.remove(client)));
      if (!submit(() -> connected(client, lastEventId))) {
        client.close();
      }
    });
    routes.get("/api/events", ctx -> {
      String accept = ctx.header("Accept");
      if (accept == null || !accept.contains("text/event-stream")) {
        throw new ApiError(406, "not_acceptable",
            "this is a server-sent event stream: send 'Accept: text/event-stream' (EventSource does)");
      }
      stream.handle(ctx);
    });
  }

  private boolean submit(Runnable task) {
    try {
      thread.execute(task);
      return true;
    } catch (RejectedExecutionException closed) {
      return false;
    }
  }

  private void connected(SseClient client, String lastEventId) {
    long current = last.version();
    Long seen = parseVersion(lastEventId);
    if (lastEventId == null) {
      client.sendComment("packer events from version " + current);
    } else if (seen == null || seen > current || seen < oldestReplayable()) {
      client.sendEvent("reload", json(Map.of("version", current)), Long.toString(current));
    } else {
      client.sendComment("packer events after version " + seen);
      for (Event event : history) {
        if (event.version() > seen) {
          send(client, event);
        }
      }
    }
    if (!client.terminated()) {
      clients.add(client);
    }
  }

  /** The oldest Last-Event-ID whose successors are all still in the history. */
  private long oldestReplayable() {
    return history.isEmpty() ? last.version() : history.peekFirst().previous();
  }

  private static Long parseVersion(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void published(Snapshot next) {
    if (next.version() <= last.version()) {
      return;
    }
    Snapshot previous = last;
    last = next;
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("version", next.version());
    Changes changes = Changes.between(previous, next);
    data.put("changed", changes.ids());
    data.put("folders", changes.folders());
    Event event = new Event(previous.version(), next.version(), json(data));
    history.addLast(event);
    if (history.size() > HISTORY) {
      history.removeFirst();
    }
    clients.removeIf(client -> {
      send(client, event);
      return client.terminated();
    });
  }

  /**
   * Queues a {@code build} event: its start and end at once, progress at most every {@link
   * #BUILD_PROGRESS_EVERY} (the latest state wins). Build events carry no id, so {@code
   * Last-Event-ID} keeps naming a snapshot version, and they are not replayed.
   */
  public void build(BuildStatus status, boolean milestone) {
    submit(() -> {
      unsentBuild = status;
      long wait = lastBuildSentNanos + BUILD_PROGRESS_EVERY.toNanos() - System.nanoTime();
      if (milestone || wait <= 0) {
        flushBuild();
      } else if (buildFlush == null) {
        try {
          buildFlush = thread.schedule(this::flushBuild, wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
          // The stream is closing; its clients are being ended.
        }
      }
    });
  }

  private void flushBuild() {
    if (buildFlush != null) {
      buildFlush.cancel(false);
      buildFlush = null;
    }
    if (unsentBuild == null) {
      return;
    }
    String data = BuildApi.text(unsentBuild);
    unsentBuild = null;
    lastBuildSentNanos = System.nanoTime();
    clients.removeIf(client -> {
      client.sendEvent("build", data);
      return client.terminated();
    });
  }

  private static void send(SseClient client, Event event) {
    client.sendEvent("snapshot", event.data(), Long.toString(event.version()));
  }

  /**
   * What differs between two snapshots: the ids whose asset appeared, vanished or changed, and the
   * same for assets without an id, by folder; both sorted. One walk of both asset lists, in which
   * an asset no commit touched costs one comparison of references.
   */
  record Changes(List<String> ids, List<String> folders) {

    static Changes between(Snapshot before, Snapshot after) {
      List<AssetId> ids = new ArrayList<>();
      List<String> folders = new ArrayList<>();
      SnapshotWalk.changes(before.assets(), after.assets(), (b, a) -> {
        if (b != null && b.equals(a)) {
          return;
        }
        Asset either = a != null ? a : b;
        if (either.id().isPresent()) {
          ids.add(either.id().get());
        } else {
          folders.add(either.folder());
        }
      });
      ids.sort(null);
      folders.sort(null);
      return new Changes(ids.stream().map(AssetId::hex).toList(), List.copyOf(folders));
    }
  }

  private void heartbeat() {
    try {
      clients.removeIf(client -> {
        client.sendComment("heartbeat");
        return client.terminated();
      });
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; the next beat will retry.
    }
  }

  private static String json(Object body) {
    try {
      return Json.mapper().writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops listening and ends every open stream, so the HTTP server can stop without waiting. */
  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      // Removing a listener from a list does not fail.
    }
    submit(() -> {
      clients.forEach(SseClient::close);
      clients.clear();
    });
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
