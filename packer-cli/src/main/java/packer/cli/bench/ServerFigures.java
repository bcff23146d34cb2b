package packer.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What {@link ServerBenchCommand} measured over several JVMs, and its part of the report. */
final class ServerFigures {

  static final double GOAL_REQUESTS_PER_SECOND = 10_000;
  static final double GOAL_P99_NANOS_COMMITTING = 10_000_000;

  private final int clients;
  private final double seconds;
  private final Map<String, Samples> rate = new TreeMap<>();
  private final Map<String, Samples> p50 = new TreeMap<>();
  private final Map<String, Samples> p99 = new TreeMap<>();
  private final Map<String, Samples> max = new TreeMap<>();
  private final Map<String, Samples> commits = new TreeMap<>();
  private final Map<String, Samples> cpuPerRequest = new TreeMap<>();
  private final Map<String, Samples> serverCpuPerRequest = new TreeMap<>();
  private final Samples load = new Samples();

  ServerFigures(int clients, double seconds) {
    this.clients = clients;
    this.seconds = seconds;
  }

  void addRequests(String target, String load, long requests, long nanos, long cpuNanos, long serverCpuNanos,
      double p50Nanos, double p99Nanos, double maxNanos, double loadAverage) {
    String key = target + " " + load;
    cpuPerRequest.computeIfAbsent(key, k -> new Samples()).add(requests == 0 ? 0 : (double) cpuNanos / requests);
    serverCpuPerRequest.computeIfAbsent(key, k -> new Samples())
        .add(requests == 0 ? 0 : (double) serverCpuNanos / requests);
    this.load.add(loadAverage);
    rate.computeIfAbsent(key, k -> new Samples()).add(requests / (nanos / 1e9));
    p50.computeIfAbsent(key, k -> new Samples()).add(p50Nanos);
    p99.computeIfAbsent(key, k -> new Samples()).add(p99Nanos);
    max.computeIfAbsent(key, k -> new Samples()).add(maxNanos);
  }

  void addCommits(String target, long count, long nanos) {
    commits.computeIfAbsent(target, k -> new Samples()).add(count / (nanos / 1e9));
  }

  void print(PrintWriter out, int assets, String reproduce) {
    out.println(String.format(Locale.ROOT, "### HTTP reads of packer serve (%s assets)", Markdown.count(assets)));
    out.println();
    out.println(String.format(Locale.ROOT,
        "The server in-process (a child JVM with `packer serve`'s flags) on a loopback port; %d client threads in the"
            + " same JVM, on the same cores, each sending one request after another over kept-alive HTTP/1.1"
            + " connections (JDK HttpClient) for %.0f s after a warm-up. *asset* is `GET /api/assets/{id}` over"
            + " every id; *list* is `GET /api/assets?%s` (a page of 100 of the matches). *busy*: a writer thread"
            + " commits renames through the lane without pause meanwhile. Latency as the client sees it; medians"
            + " over JVMs of each JVM's figures, and the largest maximum. *CPU per request*: the JVM's CPU time"
            + " (server, clients and writer together) over the requests answered; *server CPU*: that of the"
            + " server's (Jetty's) threads alone, so 1 s divided by it is what one core free for the server"
            + " would answer. On a busy machine these say more than the rate. Load average (1 min) at the end of"
            + " the phases: median %.1f, highest %.1f.",
        clients, seconds, ServerBenchCommand.LIST_QUERY, load.isEmpty() ? 0 : load.median(),
        load.isEmpty() ? 0 : load.max()));
    out.println();
    Markdown table = new Markdown("request", "lane", ">requests/s (median)", ">min", ">max", ">CPU per request",
        ">server CPU", ">p50", ">p99", ">max latency", ">renames/s committed", "goal ≥ 10,000/s, p99 < 10 ms busy");
    for (String target : List.of("asset", "list")) {
      for (String load : List.of("idle", "busy")) {
        String key = target + " " + load;
        Samples r = rate.get(key);
        if (r == null) {
          continue;
        }
        boolean met = r.median() >= GOAL_REQUESTS_PER_SECOND
            && (load.equals("idle") || p99.get(key).median() < GOAL_P99_NANOS_COMMITTING);
        table.row(target, load, Markdown.perSecond(r.median()), Markdown.perSecond(r.min()),
            Markdown.perSecond(r.max()), Markdown.micros(cpuPerRequest.get(key).median()),
            Markdown.micros(serverCpuPerRequest.get(key).median()),
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
