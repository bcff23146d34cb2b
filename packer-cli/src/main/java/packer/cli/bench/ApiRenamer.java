package packer.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of the server's API that renames its assets one after another, each rename waited for
 * (the server answers once the commit is durable), until stopped: the lane is never idle meanwhile.
 */
final class ApiRenamer implements AutoCloseable {

  /** An asset the renamer owns: its id and its name before any rename. */
  record Owned(String id, String name) {}

  private final AtomicLong commits = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile Exception failure;

  private ApiRenamer(HttpClient client, String baseUrl, String token, List<Owned> assets, String tag) {
    ObjectMapper mapper = new ObjectMapper();
    thread = new Thread(() -> {
      try {
        for (long k = 0; running.get(); k++) {
          Owned asset = assets.get((int) (k % assets.size()));
          int mark = asset.name().indexOf('~');
          String base = mark < 0 ? asset.name() : asset.name().substring(0, mark);
          String body = mapper.writeValueAsString(Map.of("name", base + "~" + tag + "-" + k));
          HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/assets/" + asset.id() + "/rename"))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
          HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 200) {
            throw new IOException("POST " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
          }
          commits.incrementAndGet();
        }
      } catch (IOException | InterruptedException | RuntimeException e) {
        failure = e;
      }
    }, "bench-renamer");
  }

  /**
   * Starts renaming {@code assets} to {@code NAME~TAG-K} (K counting renames), NAME being the name
   * before any {@code ~}, which an earlier run may have left.
   */
  static ApiRenamer start(HttpClient client, String baseUrl, String token, List<Owned> assets, String tag) {
    ApiRenamer renamer = new ApiRenamer(client, baseUrl, token, assets, tag);
    renamer.thread.start();
    return renamer;
  }

  /** Renames acknowledged so far. */
  long commits() {
    return commits.get();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    running.set(false);
    thread.join();
    if (failure != null) {
      throw new IOException("a rename through the API failed: " + failure.getMessage(), failure);
    }
  }
}
