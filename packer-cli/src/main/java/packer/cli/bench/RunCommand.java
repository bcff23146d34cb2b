package packer.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The benchmark of issue 2's and issue 3's budgets, in one run: {@code packer status} against
 * {@code git status} on the same generated tree, where status spends its time, the heap of a
 * snapshot, and the lane's durable commits per second with the read latency beside it; {@code
 * packer build} (cold, no-op, one asset changed) against {@code tar} and {@code tar | zstd -3}, and
 * the pack reader against {@code cat}. Prints a Markdown report on stdout
 * (progress goes to stderr) that names the command reproducing it and the machine.
 *
 * <p>Everything that runs packer runs it as the launcher does, in a child JVM with the launcher's
 * flags, so each figure includes what a user pays; the in-process measurements run in their own
 * child JVMs too, so one cannot warm up or pollute another (the reader's with the JVM's default
 * flags, as a game embedding it would run).
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, description = {
    "Measure packer against its budgets (docs/benchmarks.md) and print a Markdown report.",
    "Generates the workspaces it needs under --work (kept and reused) or a temporary folder."})
final class RunCommand implements Callable<Integer> {

  static final Set<String> PARTS =
      Set.of("status", "git", "profile", "heap", "lane", "server", "build", "build-zstd", "reader", "watch");
  private static final String DEFAULT_ONLY = "status,git,profile,heap,lane,server,build,build-zstd,reader,watch";

  /** Input bytes of the build parts' workspace when --total-bytes is not given: issue 3's ~400 MB. */
  static final long DEFAULT_BUILD_BYTES = 400L << 20;

  @Option(names = "--assets", paramLabel = "N", defaultValue = "10000", description = "Workspace size (default: ${DEFAULT-VALUE}).")
  int assets;

  @Option(names = "--runs", paramLabel = "R", defaultValue = "5", description = "Measured runs of each figure (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--total-bytes", paramLabel = "B", converter = ByteSize.class,
      description = {"Total input bytes of the generated workspace (default: natural log-normal sizes;",
          "400M for the build parts' workspace)."})
  Long totalBytes;

  @Option(names = "--only", paramLabel = "PARTS", defaultValue = DEFAULT_ONLY, split = ",",
      description = {"Which figures: status, git, profile, heap, lane, server, build, build-zstd, reader, watch (default: all).",
          "server measures HTTP reads of packer serve with wrk (one asset, a filtered list), idle and while renaming;",
          "watch times an edit on disk to the snapshot that shows it, with the watcher on;",
          "build and build-zstd time packer build (cold, no-op, one asset changed) against tar (| zstd -3);",
          "reader times packer.pack.Pack against cat. They build a workspace of one input per asset."})
  List<String> only;

  @Option(names = "--work", paramLabel = "DIR",
      description = "Keep generated workspaces here and reuse them (default: a temporary folder, deleted after).")
  Path work;

  @Option(names = "--variant", paramLabel = "NAME=FLAGS",
      description = {"Also time packer with these JVM flags added to the launcher's, e.g.",
          "--variant 'appcds=-XX:SharedArchiveFile={appcds}'; {appcds} is an AppCDS archive made",
          "by a training run of status. Repeatable."})
  List<String> variants = new ArrayList<>();

  @Option(names = "--lane-threads", paramLabel = "T,...", split = ",", defaultValue = "4,16",
      description = "Writer thread counts for the lane (default: ${DEFAULT-VALUE}).")
  List<Integer> laneThreads;

  @Option(names = "--watch-edits", paramLabel = "E", defaultValue = "50",
      description = "Edits on disk timed per run by the watch part (default: ${DEFAULT-VALUE}).")
  int watchEdits;

  @Option(names = "--lane-renames", paramLabel = "K", defaultValue = "1000",
      description = "Measured renames per thread count, shared by the threads (default: ${DEFAULT-VALUE}).")
  int laneRenames;

  @Option(names = "--server-clients", paramLabel = "C", defaultValue = "16",
      description = "server: wrk's connections, each sending one request after another (default: ${DEFAULT-VALUE}).")
  int serverClients;

  @Option(names = "--server-seconds", paramLabel = "S", defaultValue = "5",
      description = "server: measured seconds per request kind and load (default: ${DEFAULT-VALUE}).")
  int serverSeconds;

  @Option(names = "--drop-caches",
      description = {"build parts: also time a cold build and its peer with the OS page cache dropped before",
          "each (needs root; slows every process on the machine for a while)."})
  boolean dropCaches;

  @Option(names = "--reader-lookups", paramLabel = "K", defaultValue = "1000000",
      description = "reader: random lookups per round, by id and by name (default: ${DEFAULT-VALUE}).")
  int readerLookups;

  @Option(names = "--jar", paramLabel = "JAR", description = "The packer jar to measure (default: the one running).")
  Path jar;

  @Spec CommandSpec spec;

  /** Why the server part measures nothing without wrk, and what to do. */
  static final String WRK_MISSING = "the HTTP load generator wrk is not on the PATH; install it"
      + " (Debian: apt-get install wrk) and run again with --only server";

  private PrintWriter err;
  private Optional<Path> wrk = Optional.empty();
  private ChildProcess children;
  private Launcher launcher;

  /** A set of extra JVM flags to time packer with, beside the launcher's own. */
  record Variant(String name, List<String> flags) {}

  @Override
  public Integer call() throws Exception {
    err = spec.commandLine().getErr();
    Set<String> parts = parts();
    if (runs < 1 || assets < 1 || laneRenames < 1 || readerLookups < 1 || watchEdits < 1
        || laneThreads.stream().anyMatch(t -> t < 1) || serverClients < 1 || serverSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--runs, --assets, --lane-renames, --reader-lookups,"
          + " --watch-edits, --lane-threads, --server-clients and --server-seconds must be positive");
    }
    List<Variant> extra = parseVariants();
    launcher = Launcher.locate(Optional.ofNullable(jar));
    Peers peers = new Peers(System.getenv("PATH"), new ChildProcess(Path.of(System.getProperty("java.io.tmpdir"))));
    Map<String, Path> programs = peersOf(parts, peers);
    wrk = parts.contains("server") ? peers.find("wrk") : Optional.empty();
    if (parts.contains("server") && wrk.isEmpty()) {
      err.println("bench: server: skipped: " + WRK_MISSING);
    }
    boolean temporary = work == null;
    Path workDir = temporary ? Files.createTempDirectory("packer-bench") : work.toAbsolutePath().normalize();
    Files.createDirectories(workDir);
    Path scratch = Files.createTempDirectory(workDir, "scratch");
    children = new ChildProcess(scratch);
    Report report = new Report(commandLine(), Machine.describe(), launcher, assets, runs);
    try {
      Fixture fixture = new Fixture(workDir, err);
      String suffix = "-s" + seed + (totalBytes == null ? "" : "-b" + totalBytes);
      Path workspace = null;
      if (parts.contains("status") || parts.contains("git") || parts.contains("profile") || parts.contains("heap")) {
        Fixture.Generated generated = fixture.workspace("ws-" + assets + suffix, settings(totalBytes));
        workspace = generated.root();
        report.workspace(generated);
      }
      if (parts.contains("status") || parts.contains("git")) {
        report.status(new StatusBenchmark(children, launcher, err, runs, workDir)
            .measure(workspace, assets, parts.contains("status"), parts.contains("git") ? fixture.gitRepository(workspace) : null,
                extra));
      }
      if (parts.contains("profile")) {
        report.profile(profile(workspace));
      }
      if (parts.contains("heap")) {
        report.heap(heap(workspace));
      }
      if (parts.contains("server") && wrk.isEmpty()) {
        report.server(ServerFigures.skipped(WRK_MISSING));
      }
      if (parts.contains("lane") || (parts.contains("server") && wrk.isPresent())) {
        // Its own workspace, as the renames would show up in git status; input sizes do not matter to a rename.
        Path lane = fixture.workspace("lane-" + assets + "-s" + seed, settings((long) assets * 1024)).root();
        if (parts.contains("lane")) {
          report.lane(lane(lane));
        }
        if (parts.contains("server") && wrk.isPresent()) {
          report.server(server(lane));
        }
      }
      if (parts.contains("watch")) {
        // Its own workspace too: the edits are undone, but would still disturb git status meanwhile.
        Path watched = fixture.workspace("watch-" + assets + "-s" + seed, settings((long) assets * 1024)).root();
        report.watch(watch(watched));
      }
      if (parts.contains("build") || parts.contains("build-zstd") || parts.contains("reader")) {
        long bytes = totalBytes == null ? DEFAULT_BUILD_BYTES : totalBytes;
        Fixture.Generated built = fixture.workspace("build-" + assets + "-s" + seed + "-b" + bytes,
            new WorkspaceGenerator.Settings(assets, seed, OptionalLong.of(bytes), true));
        BuildBenchmark builds = new BuildBenchmark(children, launcher, err, runs, scratch);
        if (parts.contains("build")) {
          report.build(builds.measure(built, "none", programs.get("tar"), null, null, dropCaches));
        }
        if (parts.contains("build-zstd")) {
          report.build(builds.measure(built, "zstd", programs.get("tar"), programs.get("zstd"), programs.get("bash"),
              dropCaches));
        }
        if (parts.contains("reader")) {
          err.println("bench: reader: building the pack to read (untimed)");
          Path pack = builds.buildOnce(built.root());
          report.reader(new ReaderBenchmark(children, launcher, err, runs, readerLookups).measure(pack,
              programs.get("sh")));
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      report.print(out);
      out.flush();
      return 0;
    } finally {
      deleteTree(scratch);
      if (temporary) {
        err.println("bench: deleting " + workDir);
        deleteTree(workDir);
      }
    }
  }

  private Set<String> parts() {
    Set<String> parts = new LinkedHashSet<>();
    for (String part : only) {
      String trimmed = part.trim().toLowerCase(Locale.ROOT);
      if (!PARTS.contains(trimmed)) {
        throw new ParameterException(spec.commandLine(),
            "unknown part '" + part + "' in --only; the parts are " + DEFAULT_ONLY.replace(",", ", "));
      }
      parts.add(trimmed);
    }
    return parts;
  }

  /** The peer programs the parts compare packer with, found before any long work starts. */
  static Map<String, Path> peersOf(Set<String> parts, Peers peers) throws IOException, InterruptedException {
    Map<String, Path> programs = new TreeMap<>();
    if (parts.contains("build") || parts.contains("build-zstd")) {
      String part = parts.contains("build") ? "build" : "build-zstd";
      programs.put("tar", peers.requireGnuTar(part));
      programs.put("sync", peers.require("sync", part, "apt-get install coreutils"));
    }
    if (parts.contains("build-zstd")) {
      programs.put("zstd", peers.require("zstd", "build-zstd", "apt-get install zstd"));
      programs.put("bash", peers.require("bash", "build-zstd", "apt-get install bash"));
    }
    if (parts.contains("reader")) {
      programs.put("sh", peers.require("sh", "reader", "apt-get install dash"));
      programs.put("cat", peers.require("cat", "reader", "apt-get install coreutils"));
    }
    return programs;
  }

  private List<Variant> parseVariants() {
    List<Variant> parsed = new ArrayList<>();
    for (String variant : variants) {
      int equals = variant.indexOf('=');
      if (equals <= 0) {
        throw new ParameterException(spec.commandLine(), "--variant takes NAME=FLAGS, not '" + variant + "'");
      }
      String flags = variant.substring(equals + 1).trim();
      parsed.add(new Variant(variant.substring(0, equals), flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"))));
    }
    return parsed;
  }

  private WorkspaceGenerator.Settings settings(Long bytes) {
    return new WorkspaceGenerator.Settings(assets, seed, bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes));
  }

  /** The command line that reproduces this run: every option that differs from its default. */
  String commandLine() {
    StringBuilder line = new StringBuilder("./packer bench run --assets ").append(assets).append(" --runs ").append(runs);
    if (seed != 1) {
      line.append(" --seed ").append(seed);
    }
    if (totalBytes != null) {
      line.append(" --total-bytes ").append(totalBytes);
    }
    if (!String.join(",", only).equals(DEFAULT_ONLY)) {
      line.append(" --only ").append(String.join(",", only));
    }
    for (String variant : variants) {
      line.append(" --variant '").append(variant).append('\'');
    }
    if (!laneThreads.equals(List.of(4, 16))) {
      line.append(" --lane-threads ").append(String.join(",", laneThreads.stream().map(String::valueOf).toList()));
    }
    if (watchEdits != 50) {
      line.append(" --watch-edits ").append(watchEdits);
    }
    if (laneRenames != 1000) {
      line.append(" --lane-renames ").append(laneRenames);
    }
    if (work != null) {
      line.append(" --work ").append(work);
    }
    if (serverClients != 16) {
      line.append(" --server-clients ").append(serverClients);
    }
    if (serverSeconds != 5) {
      line.append(" --server-seconds ").append(serverSeconds);
    }
    if (dropCaches) {
      line.append(" --drop-caches");
    }
    if (readerLookups != 1000000) {
      line.append(" --reader-lookups ").append(readerLookups);
    }
    if (jar != null) {
      line.append(" --jar ").append(jar);
    }
    return line.toString();
  }

  private ProfileFigures profile(Path workspace) throws IOException, InterruptedException {
    ProfileFigures profile = new ProfileFigures();
    for (int run = 1; run <= runs; run++) {
      err.println("bench: profile of status, run " + run + "/" + runs);
      ChildProcess.Result result = children.runChecked(
          launcher.command(List.of(), "bench", "profile", workspace.toString(), "--iterations", "5"),
          Launcher.environment(), false);
      for (String line : result.stdout().split("\n")) {
        String[] fields = line.trim().split(" ");
        if (fields.length == 4 && fields[0].equals("phase")) {
          profile.add(fields[1], Integer.parseInt(fields[2]), Long.parseLong(fields[3]));
        }
      }
    }
    return profile;
  }

  private HeapFigures heap(Path workspace) throws IOException, InterruptedException {
    HeapFigures heap = new HeapFigures();
    for (int run = 1; run <= runs; run++) {
      err.println("bench: heap of a snapshot, run " + run + "/" + runs);
      ChildProcess.Result result = children.runChecked(
          launcher.command(List.of(), "bench", "heap", workspace.toString()), Launcher.environment(), false);
      Map<String, String> values = KeyValues.parse(result.stdout(), "heap");
      heap.add(Long.parseLong(values.get("assets")), Long.parseLong(values.get("snapshot")),
          Long.parseLong(values.get("state")), Long.parseLong(values.get("unaccounted")));
      for (String line : result.stdout().split("\n")) {
        String[] fields = line.trim().split(" ");
        if (fields.length == 4 && fields[0].equals("class")) {
          heap.addClass(fields[1], Long.parseLong(fields[2]), Long.parseLong(fields[3]));
        }
      }
    }
    return heap;
  }

  private LaneFigures lane(Path workspace) throws IOException, InterruptedException {
    LaneFigures lane = new LaneFigures(laneThreads, laneRenames);
    String threadList = String.join(",", laneThreads.stream().map(String::valueOf).toList());
    for (int run = 1; run <= runs; run++) {
      err.println("bench: lane throughput and read latency, run " + run + "/" + runs);
      ChildProcess.Result result = children.runChecked(
          launcher.command(List.of(), "bench", "lane", workspace.toString(), "--threads", threadList,
              "--renames", Integer.toString(laneRenames)),
          Launcher.environment(), false);
      for (String line : result.stdout().split("\n")) {
        if (line.startsWith("lane ")) {
          Map<String, String> v = KeyValues.parse(line, "lane");
          lane.addThroughput(Integer.parseInt(v.get("threads")), Long.parseLong(v.get("commits")),
              Long.parseLong(v.get("nanos")), Long.parseLong(v.get("groups")), Long.parseLong(v.get("forces")));
        } else if (line.startsWith("reads ")) {
          Map<String, String> v = KeyValues.parse(line, "reads");
          lane.addReads(Integer.parseInt(v.get("threads")), v.get("mode"), Double.parseDouble(v.get("p50")),
              Double.parseDouble(v.get("p99")), Double.parseDouble(v.get("max")), Long.parseLong(v.get("count")));
        }
      }
    }
    return lane;
  }

  private WatchFigures watch(Path workspace) throws IOException, InterruptedException {
    WatchFigures watch = new WatchFigures(watchEdits);
    for (int run = 1; run <= runs; run++) {
      err.println("bench: edit to snapshot with the watcher on, run " + run + "/" + runs);
      ChildProcess.Result result = children.runChecked(
          launcher.command(List.of(), "bench", "watch", workspace.toString(), "--edits", Integer.toString(watchEdits)),
          Launcher.environment(), false);
      for (String line : result.stdout().split("\n")) {
        if (line.startsWith("watch ")) {
          watch.addStart(Long.parseLong(KeyValues.parse(line, "watch").get("start")));
        } else if (line.startsWith("edits ")) {
          Map<String, String> v = KeyValues.parse(line, "edits");
          watch.addEdits(Long.parseLong(v.get("p50")), Long.parseLong(v.get("p99")), Long.parseLong(v.get("max")));
        }
      }
    }
    return watch;
  }

  private ServerFigures server(Path workspace) throws IOException, InterruptedException {
    return new HttpBenchmark(children, launcher, err, runs, serverClients, serverSeconds, wrk.orElseThrow(),
        children.scratch())
        .measure(workspace);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** {@code key=value} pairs of the first line starting with {@code prefix}. */
  static final class KeyValues {
    private KeyValues() {}

    static Map<String, String> parse(String text, String prefix) throws IOException {
      for (String line : text.split("\n")) {
        if (line.startsWith(prefix + " ")) {
          Map<String, String> values = new java.util.TreeMap<>();
          for (String field : line.substring(prefix.length() + 1).trim().split(" ")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
              values.put(field.substring(0, equals), field.substring(equals + 1));
            }
          }
          return values;
        }
      }
      throw new IOException("no '" + prefix + "' line in the child's output: " + text.strip());
    }
  }
}
