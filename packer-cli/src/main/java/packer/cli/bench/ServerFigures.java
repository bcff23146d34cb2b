package packer.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What {@link HttpBenchmark} measured over several server processes, and its part of the report. */
final class ServerFigures {

  static final double GOAL_REQUESTS_PER_SECOND = 10_000;
  static final double GOAL_P99_NANOS_COMMITTING = 10_000_000;

  private final int connections;
  private final double seconds;
  private final String skipped;
  private final Map<String, Samples> rate = new TreeMap<>();
  private final Map<String, Samples> p50 = new TreeMap<>();
  private final Map<String, Samples> p99 = new TreeMap<>();
  private final Map<String, Samples> max = new TreeMap<>();
  private final Map<String, Samples> commits = new TreeMap<>();
  private final Map<String, Samples> serverCpu = new TreeMap<>();
  private final Map<String, Samples> requestThreadCpu = new TreeMap<>();
  private final Map<String, Samples> wrkCpu = new TreeMap<>();
  private final Samples load = new Samples();

  ServerFigures(int connections, double seconds) {
    this(connections, seconds, null);
  }

  private ServerFigures(int connections, double seconds, String skipped) {
    this.connections = connections;
    this.seconds = seconds;
    this.skipped = skipped;
  }

  /** No figures, and why: the report says so in their place. */
  static ServerFigures skipped(String why) {
    return new ServerFigures(0, 0, why);
  }

  /**
   * One measured phase.
   *
   * @param serverNanos CPU time of the whole server process (lane, watcher, collector and compiler too)
   * @param requestThreadNanos that of its request threads alone
   * @param wrkNanos that of the load generator
   */
  void addRequests(String target, String load, long requests, long nanos, long serverNanos, long requestThreadNanos,
      long wrkNanos, double p50Nanos, double p99Nanos, double maxNanos, double loadAverage) {
    String key = target + " " + load;
    perRequest(serverCpu, key, serverNanos, requests);
    perRequest(requestThreadCpu, key, requestThreadNanos, requests);
    perRequest(wrkCpu, key, wrkNanos, requests);
    this.load.add(loadAverage);
    rate.computeIfAbsent(key, k -> new Samples()).add(requests / (nanos / 1e9));
    p50.computeIfAbsent(key, k -> new Samples()).add(p50Nanos);
    p99.computeIfAbsent(key, k -> new Samples()).add(p99Nanos);
    max.computeIfAbsent(key, k -> new Samples()).add(maxNanos);
  }

  private static void perRequest(Map<String, Samples> into, String key, long nanos, long requests) {
    into.computeIfAbsent(key, k -> new Samples()).add(requests == 0 ? 0 : (double) nanos / requests);
  }

  void addCommits(String target, long count, long nanos) {
    commits.computeIfAbsent(target, k -> new Samples()).add(count / (nanos / 1e9));
  }

  void print(PrintWriter out, int assets, String reproduce) {
    out.println(String.format(Locale.ROOT, "### HTTP reads of packer serve (%s assets)", Markdown.count(assets)));
    out.println();
    if (skipped != null) {
      out.println("Not measured: " + skipped);
      out.println();
      return;
    }
    out.println(String.format(Locale.ROOT,
        "`packer serve` as a child process started as the launcher starts it; `wrk` (one thread, %d kept-alive"
            + " connections, each sending one request after another) for %.0f s per phase, after %d s of each"
            + " request kind untimed. *asset* is `GET /api/assets/{id}` of a random registered asset; *list* is"
            + " `GET /api/assets?%s` (a page of 100 of the matches). *busy*: meanwhile a client renames assets"
            + " through the API (`POST /api/assets/{id}/rename`), one after another, each waited for. Latency as"
            + " wrk sees it; medians over server processes, and the largest maximum. *Server CPU*: the server"
            + " process's CPU time over the requests answered (lane, watcher, collector and compiler included);"
            + " *request threads*: that of Jetty's threads alone; *wrk CPU*: the load generator's, on the same"
            + " cores. Load average (1 min) at the end of the phases: median %.1f, highest %.1f.",
        connections, seconds, HttpBenchmark.WARM_UP_SECONDS, HttpBenchmark.LIST_QUERY,
        load.isEmpty() ? 0 : load.median(), load.isEmpty() ? 0 : load.max()));
    out.println();
    Markdown table = new Markdown("request", "lane", ">requests/s (median)", ">min", ">max", ">server CPU",
        ">request threads", ">wrk CPU", ">p50", ">p99", ">max latency", ">renames/s committed",
        "goal ≥ 10,000/s, p99 < 10 ms busy");
    for (String target : HttpBenchmark.TARGETS) {
      for (String load : HttpBenchmark.LOADS) {
        String key = target + " " + load;
        Samples r = rate.get(key);
        if (r == null) {
          continue;
        }
        boolean met = r.median() >= GOAL_REQUESTS_PER_SECOND
            && (load.equals("idle") || p99.get(key).median() < GOAL_P99_NANOS_COMMITTING);
        table.row(target, load, Markdown.perSecond(r.median()), Markdown.perSecond(r.min()),
            Markdown.perSecond(r.max()), Markdown.micros(serverCpu.get(key).median()),
            Markdown.micros(requestThreadCpu.get(key).median()), Markdown.micros(wrkCpu.get(key).median()),
            Markdown.micros(p50.get(key).median()), Markdown.micros(p99.get(key).median()),
            Markdown.micros(max.get(key).max()),
            load.equals("busy") && commits.containsKey(target) ? Markdown.perSecond(commits.get(target).median()) : "",
            met ? "met" : "missed");
      }
    }
    table.print(out);
    out.println("Reproduce: `" + reproduce + "`");
    out.println();
  }
}
