package packer.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HTTP reads of {@code packer serve} as users run it: the server is a child process started as the
 * launcher starts it, and the load comes from {@code wrk} (C, epoll, kept-alive connections), a
 * process of its own, so the figures are the server's and not a Java client's. Two requests, one
 * asset by id (a random registered one each time) and a filtered list page, each measured with the
 * lane idle and again while a client renames assets through the API without pause.
 */
final class HttpBenchmark {

  static final String LIST_QUERY = "type=blob&q=hero";
  static final List<String> TARGETS = List.of("asset", "list");
  static final List<String> LOADS = List.of("idle", "busy");
  /** Seconds of each request kind before anything is measured: the JIT compiles, the watcher starts. */
  static final int WARM_UP_SECONDS = 10;
  /** The renamer's own assets: it cycles through them. */
  static final int RENAMED_ASSETS = 64;
  private static final String SCRIPT = "wrk-reads.lua";

  private final ChildProcess children;
  private final Launcher launcher;
  private final PrintWriter err;
  private final int runs;
  private final int connections;
  private final int seconds;
  private final Path wrk;
  private final Path scratch;

  /**
   * @param connections wrk's kept-alive connections, each sending one request after another
   * @param seconds measured seconds per request kind and load
   */
  HttpBenchmark(ChildProcess children, Launcher launcher, PrintWriter err, int runs, int connections, int seconds,
      Path wrk, Path scratch) {
    this.children = children;
    this.launcher = launcher;
    this.err = err;
    this.runs = runs;
    this.connections = connections;
    this.seconds = seconds;
    this.wrk = wrk;
    this.scratch = scratch;
  }

  ServerFigures measure(Path workspace) throws IOException, InterruptedException {
    ServerFigures figures = new ServerFigures(connections, seconds);
    Path script = scratch.resolve(SCRIPT);
    try (InputStream in = HttpBenchmark.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IOException("the jar lacks packer/cli/bench/" + SCRIPT + "; rebuild it");
      }
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    for (int run = 1; run <= runs; run++) {
      err.println("bench: HTTP reads of packer serve with wrk, run " + run + "/" + runs);
      err.flush();
      try (ServerProcess server = ServerProcess.start(launcher, workspace, scratch)) {
        List<ApiRenamer.Owned> registered = registered(client, server);
        if (registered.size() < RENAMED_ASSETS * 2) {
          throw new IOException("the workspace has " + registered.size() + " registered assets; at least "
              + RENAMED_ASSETS * 2 + " are needed");
        }
        Path ids = scratch.resolve("ids.txt");
        Files.write(ids, registered.stream().map(ApiRenamer.Owned::id).toList(), StandardCharsets.UTF_8);
        for (String target : TARGETS) {
          wrk(server, script, ids, target, WARM_UP_SECONDS);
        }
        // Names no earlier run used, so that every rename is a change.
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        for (String load : LOADS) {
          for (String target : TARGETS) {
            measure(figures, client, server, script, ids, target, load,
                load.equals("busy") ? registered.subList(0, RENAMED_ASSETS) : List.of(), tag + target);
          }
        }
      }
    }
    return figures;
  }

  private void measure(ServerFigures figures, HttpClient client, ServerProcess server, Path script, Path ids,
      String target, String load, List<ApiRenamer.Owned> renamed, String tag) throws IOException, InterruptedException {
    ApiRenamer renamer = renamed.isEmpty() ? null : ApiRenamer.start(client, server.baseUrl(), server.token(), renamed, tag);
    try {
      if (renamer != null) {
        Thread.sleep(1000); // The lane is busy before the first request is timed.
      }
      long commitsBefore = renamer == null ? 0 : renamer.commits();
      ServerProcess.Cpu before = server.cpu();
      ChildProcess.Result result = wrk(server, script, ids, target, seconds);
      ServerProcess.Cpu used = server.cpu().since(before);
      long commits = renamer == null ? 0 : renamer.commits() - commitsBefore;
      Map<String, String> v = RunCommand.KeyValues.parse(result.stdout(), "wrk");
      long micros = Long.parseLong(v.get("micros"));
      figures.addRequests(target, load, Long.parseLong(v.get("requests")), micros * 1000, used.processNanos(),
          used.requestThreadNanos(), result.cpuMillis() * 1_000_000, Double.parseDouble(v.get("p50")) * 1000,
          Double.parseDouble(v.get("p99")) * 1000, Double.parseDouble(v.get("max")) * 1000,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      if (renamer != null) {
        figures.addCommits(target, commits, micros * 1000);
      }
    } finally {
      if (renamer != null) {
        renamer.close();
      }
    }
  }

  /** Runs wrk for {@code secondsLong}; a request answered with other than 2xx, or not at all, is an error. */
  private ChildProcess.Result wrk(ServerProcess server, Path script, Path ids, String target, int secondsLong)
      throws IOException, InterruptedException {
    Map<String, String> environment = Launcher.environment();
    environment.put("PACKER_BENCH_TARGET", target);
    environment.put("PACKER_BENCH_IDS", ids.toString());
    environment.put("PACKER_BENCH_LIST", LIST_QUERY);
    environment.put("PACKER_BENCH_TOKEN", server.token());
    ChildProcess.Result result = children.runChecked(List.of(wrk.toString(), "--threads", "1", "--connections",
        Integer.toString(connections), "--duration", secondsLong + "s", "--timeout", "10s", "--script",
        script.toString(), server.baseUrl()), environment, false);
    Map<String, String> v = RunCommand.KeyValues.parse(result.stdout(), "wrk");
    if (!v.get("non2xx").equals("0") || !v.get("errors").equals("0")) {
      throw new IOException("wrk saw failed requests for " + target + ": " + result.stdout().strip());
    }
    return result;
  }

  /** Every registered asset's id and name, through the API (a page of 1,000 at a time). */
  private static List<ApiRenamer.Owned> registered(HttpClient client, ServerProcess server)
      throws IOException, InterruptedException {
    ObjectMapper mapper = new ObjectMapper();
    List<ApiRenamer.Owned> owned = new ArrayList<>();
    String cursor = null;
    do {
      String uri = server.baseUrl() + "/api/assets?state=registered&limit=1000"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(uri))
          .header("Authorization", "Bearer " + server.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
      }
      JsonNode page = mapper.readTree(response.body());
      for (JsonNode asset : page.path("assets")) {
        owned.add(new ApiRenamer.Owned(asset.path("id").asText(), asset.path("name").asText()));
      }
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return owned;
  }
}
