package packer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.id.AssetId;
import packer.lane.Command;

/**
 * A history checker over HTTP: readers hit the API while the lane commits renames. Every read must
 * show exactly the state committed at the version it names, a reader's versions never go back, and
 * a read that starts after a commit was acknowledged sees it.
 */
class SnapshotHistoryTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final int COMMITS = 40;
  static final int READERS = 3;

  record Read(long start, long end, long version, String name, String etag) {}

  @TempDir Path dir;

  @Test
  void everyReadIsOneCommittedSnapshotAndNoneGoesBack() throws Exception {
    Path root = ServedWorkspace.init(dir.resolve("game"), "game");
    ServedWorkspace.asset(root, "assets/hero", "hero", "blob", List.of(), Map.of("a.bin", "A"));
    try (ServedWorkspace served = ServedWorkspace.serve(root)) {
      AssetId hero = served.adopt("assets/hero");
      NavigableMap<Long, String> nameAt = new ConcurrentSkipListMap<>();
      NavigableMap<Long, Long> ackedAt = new ConcurrentSkipListMap<>();
      nameAt.put(served.workspace.snapshot().version(), "hero");
      AtomicBoolean done = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(READERS);
      List<Future<List<Read>>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        readers.add(pool.submit(() -> {
          List<Read> reads = new ArrayList<>();
          while (!done.get() || reads.size() < 5) {
            long start = System.nanoTime();
            HttpResponse<String> response = served.get("/api/assets/" + hero.hex());
            long end = System.nanoTime();
            JsonNode body = JSON.readTree(response.body());
            reads.add(new Read(start, end, body.get("version").asLong(), body.get("asset").get("name").asText(),
                response.headers().firstValue("ETag").orElse("")));
          }
          return reads;
        }));
      }
      try {
        for (int i = 1; i <= COMMITS; i++) {
          String name = "hero" + i;
          // The ack time is taken after execute returns: later than the real ack, so the check is
          // conservative. Reads are checked once the writer is done, against the complete map.
          long version = served.workspace.execute(new Command.Rename(hero, name)).version();
          nameAt.put(version, name);
          ackedAt.put(version, System.nanoTime());
        }
      } finally {
        done.set(true);
      }
      List<Read> all = new ArrayList<>();
      for (Future<List<Read>> reader : readers) {
        List<Read> reads = reader.get();
        for (int i = 1; i < reads.size(); i++) {
          assertThat(reads.get(i).version()).as("versions never go back for a client")
              .isGreaterThanOrEqualTo(reads.get(i - 1).version());
        }
        all.addAll(reads);
      }
      pool.shutdown();

      for (Read read : all) {
        assertThat(read.name()).as("the state committed at version %d", read.version())
            .isEqualTo(nameAt.floorEntry(read.version()).getValue());
        assertThat(read.etag()).isEqualTo("\"" + read.version() + "\"");
        long lastAckBefore = ackedAt.entrySet().stream().filter(ack -> ack.getValue() < read.start())
            .mapToLong(Map.Entry::getKey).max().orElse(-1);
        assertThat(read.version()).as("a read started after the ack of %d", lastAckBefore)
            .isGreaterThanOrEqualTo(lastAckBefore);
      }
      assertThat(all.stream().map(Read::version).distinct().count()).as("reads overlapped commits").isGreaterThan(1);
    }
  }
}
