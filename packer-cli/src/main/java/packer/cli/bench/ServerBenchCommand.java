package packer.cli.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import packer.id.AssetId;
import packer.lane.Command.Rename;
import packer.server.PackerServer;
import packer.server.ServerOptions;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.workspace.Options;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * HTTP reads of {@code packer serve}, in-process: the server over the workspace on a loopback port,
 * and C client threads (JDK HttpClient, HTTP/1.1, kept-alive connections) each sending one request
 * after another and timing it. Two targets, one asset by id ({@code /api/assets/{id}}) and a
 * filtered page ({@code /api/assets?type=blob&q=hero}), each measured with the lane idle and again
 * while a writer thread commits renames through the lane without pause. The clients share the
 * machine's cores with the server.
 *
 * <p>Prints {@code http target=asset|list load=idle|busy clients=C requests=N nanos=N cpu=N server=N p50=..
 * p99=.. max=.. loadavg=..} (latencies in nanoseconds; cpu: the process's CPU time in the phase, all threads;
 * server: that of Jetty's threads, which parse, answer and write the requests; loadavg: the
 * machine's 1-minute load average at the end)
 * and, for busy phases, {@code commits target=.. count=N nanos=N}.
 */
@Command(name = "server", hidden = true, description = "Measure HTTP reads of the server (for bench run).")
final class ServerBenchCommand implements Callable<Integer> {

  static final String LIST_QUERY = "type=blob&q=hero";

  @Parameters(index = "0", paramLabel = "DIR") Path dir;

  @Option(names = "--clients", defaultValue = "16", description = "Client threads sending requests.")
  int clients;

  @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per phase.")
  double seconds;

  @Option(names = "--warm-up", defaultValue = "8",
      description = "Seconds of each target before measuring anything, not counted (the JIT compiles meanwhile).")
  double warmUp;

  /** Seconds before each phase, not counted: the writer starts, the connections are open. */
  private static final double PHASE_WARM_UP = 1;

  @Option(names = "--targets", split = ",", defaultValue = "asset,list", description = "asset, list or both.")
  List<String> targets;

  @Option(names = "--loads", split = ",", defaultValue = "idle,busy", description = "idle, busy or both.")
  List<String> loads;

  @Spec CommandSpec spec;

  private static final int WRITER_ASSETS = 64;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Workspace workspace = Workspace.openForWriting(dir.toAbsolutePath(), Options.defaults(), "packer bench server");
        PackerServer server = PackerServer.start(workspace, ServerOptions.loopback(0))) {
      List<Asset> assets = new ArrayList<>();
      for (Asset asset : workspace.snapshot().assets()) {
        if (asset.state() == AssetState.REGISTERED) {
          assets.add(asset);
        }
      }
      if (assets.size() < WRITER_ASSETS * 2) {
        throw new IllegalArgumentException("the workspace has " + assets.size() + " registered assets; at least "
            + WRITER_ASSETS * 2 + " are needed");
      }
      List<String> ids = assets.stream().map(a -> a.id().orElseThrow().hex()).toList();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      ExecutorService clientExecutor = Executors.newFixedThreadPool(2);
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientExecutor)
          .connectTimeout(Duration.ofSeconds(10)).build();
      try {
        String base = server.baseUrl();
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36); // Names unused by earlier runs.
        for (String target : targets) {
          phase(client, pool, base, target, ids, warmUp, null);
        }
        for (String load : loads) {
          for (String target : targets) {
            Writer writer = load.equals("busy") ? Writer.start(workspace, assets.subList(0, WRITER_ASSETS),
                run + target) : null;
            try {
              phase(client, pool, base, target, ids, PHASE_WARM_UP, null);
              Phase measured = new Phase();
              long commitsBefore = writer == null ? 0 : writer.commits.get();
              long cpuBefore = processCpuNanos();
              java.util.Map<Long, Long> threadsBefore = threadCpu();
              long start = System.nanoTime();
              phase(client, pool, base, target, ids, seconds, measured);
              long nanos = System.nanoTime() - start;
              long cpu = processCpuNanos() - cpuBefore;
              long serverCpu = serverThreadCpuSince(threadsBefore);
              long commits = writer == null ? 0 : writer.commits.get() - commitsBefore;
              print(out, target, load, measured, nanos, cpu, serverCpu);
              if (writer != null) {
                out.println(String.format(Locale.ROOT, "commits target=%s count=%d nanos=%d", target, commits, nanos));
              }
              out.flush();
            } finally {
              if (writer != null) {
                writer.stop();
              }
            }
          }
        }
      } finally {
        pool.shutdownNow();
        clientExecutor.shutdownNow();
      }
    }
    return 0;
  }

  /** The latencies of one phase, from every client. */
  private static final class Phase {
    final List<long[]> latencies = new ArrayList<>();

    synchronized void add(long[] some, int count) {
      long[] copy = new long[count];
      System.arraycopy(some, 0, copy, 0, count);
      latencies.add(copy);
    }

    long count() {
      return latencies.stream().mapToLong(l -> l.length).sum();
    }
  }

  /** Every client sends requests for {@code secondsLong}; records them into {@code into} unless null. */
  private void phase(HttpClient client, ExecutorService pool, String base, String target, List<String> ids,
      double secondsLong, Phase into) throws Exception {
    long end = System.nanoTime() + (long) (secondsLong * 1e9);
    List<Future<Void>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int seed = c;
      futures.add(pool.submit(() -> {
        long[] latencies = new long[1 << 16];
        int n = 0;
        long i = seed * 7919L;
        while (System.nanoTime() < end) {
          String path = target.equals("asset")
              ? "/api/assets/" + ids.get((int) ((i++ * 2654435761L) % ids.size()))
              : "/api/assets?" + LIST_QUERY;
          HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).GET().build();
          long start = System.nanoTime();
          HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
          long nanos = System.nanoTime() - start;
          if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
          }
          if (n == latencies.length) {
            latencies = java.util.Arrays.copyOf(latencies, n * 2);
          }
          latencies[n++] = nanos;
        }
        if (into != null) {
          into.add(latencies, n);
        }
        return null;
      }));
    }
    for (Future<Void> future : futures) {
      future.get();
    }
  }

  /** CPU time of this whole process (server, clients, writer) so far. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static java.util.Map<Long, Long> threadCpu() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      cpu.put(id, Math.max(0, threads.getThreadCpuTime(id)));
    }
    return cpu;
  }

  /** CPU time since {@code before} of the threads that answer HTTP requests (Jetty's pool). */
  private static long serverThreadCpuSince(java.util.Map<Long, Long> before) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long total = 0;
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("JettyServerThreadPool")) {
        long now = threads.getThreadCpuTime(info.getThreadId());
        if (now > 0) {
          total += now - before.getOrDefault(info.getThreadId(), 0L);
        }
      }
    }
    return total;
  }

  private void print(PrintWriter out, String target, String load, Phase phase, long nanos, long cpu,
      long serverCpu) {
    Samples samples = new Samples();
    phase.latencies.forEach(some -> {
      for (long l : some) {
        samples.add(l);
      }
    });
    if (samples.isEmpty()) {
      samples.add(0);
    }
    out.println(String.format(Locale.ROOT,
        "http target=%s load=%s clients=%d requests=%d nanos=%d cpu=%d server=%d p50=%.0f p99=%.0f max=%.0f"
            + " loadavg=%.2f",
        target, load, clients, phase.count(), nanos, cpu, serverCpu, samples.median(), samples.percentile(99),
        samples.max(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
  }

  /** Renames its assets through the lane one after another, each waited for, until stopped. */
  private static final class Writer {
    final AtomicLong commits = new AtomicLong();
    final AtomicBoolean running = new AtomicBoolean(true);
    Thread thread;
    volatile Throwable failure;

    static Writer start(Workspace workspace, List<Asset> own, String tag) {
      Writer writer = new Writer();
      writer.thread = new Thread(() -> {
        try {
          for (long k = 0; writer.running.get(); k++) {
            Asset asset = own.get((int) (k % own.size()));
            String name = asset.name().orElseThrow();
            int mark = name.indexOf('~'); // Left by an earlier run.
            AssetId id = asset.id().orElseThrow();
            workspace.submit(new Rename(id, (mark < 0 ? name : name.substring(0, mark)) + "~" + tag + "-" + k),
                OptionalLong.empty()).join();
            writer.commits.incrementAndGet();
          }
        } catch (RuntimeException e) {
          writer.failure = e;
        }
      }, "bench-writer");
      writer.thread.start();
      return writer;
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
      if (failure != null) {
        throw new IllegalStateException("a rename failed: " + failure, failure);
      }
    }
  }
}
