package packer.cli.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import javax.management.JMException;
import javax.management.ObjectName;
import packer.snapshot.Snapshot;
import packer.snapshot.WorkspaceState;
import packer.workspace.Options;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The heap one snapshot of a workspace holds: how much live heap grows when one more snapshot is
 * kept reachable, counted object by object with the JVM's class histogram (which collects fully
 * first). Then the same snapshot with only its {@link WorkspaceState} kept, which splits the figure
 * into the raw facts read from disk and the indexes derived from them.
 *
 * <p>Why the growth of a second snapshot, and why a histogram: opening a workspace also fills
 * caches that live as long as the process (Jackson canonicalizes and interns the JSON keys it
 * reads, and the local memory file has one key per asset id). Used heap after
 * {@code System.gc()} against a baseline taken before the first open swung by megabytes either
 * way from run to run; the live-object count of a second snapshot does not.
 *
 * <p>{@code int[]} is left out of the count: no type a snapshot is made of holds one. Opening a
 * workspace makes a process-wide table of them that comes and goes on its own schedule (at
 * 100,000 assets, 13 MiB of int[] appear after one open and are gone after the next, while
 * snapshots held meanwhile add none), so between two histograms some runs see megabytes of them
 * appear and others none. The amount left out is printed beside the figure.
 *
 * <p>Prints {@code heap assets=N snapshot=S state=T unaccounted=U} (bytes) and the classes that
 * weigh most, as {@code class NAME BYTES INSTANCES}, for {@code bench run}.
 */
@Command(name = "heap", hidden = true, description = "Measure the heap a snapshot holds (for bench run).")
final class HeapCommand implements Callable<Integer> {

  private static final int CLASSES_SHOWN = 10;
  private static final String NOT_A_SNAPSHOT_TYPE = "[I";

  @Parameters(index = "0", paramLabel = "DIR") Path dir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path root = dir.toAbsolutePath();
    open(root); // Loads classes and fills the process-wide caches.
    Object[] held = new Object[2];
    held[0] = open(root);
    Map<String, long[]> one = liveHistogram();
    Snapshot second = open(root);
    held[1] = second;
    Map<String, long[]> two = liveHistogram();
    int assets = second.assets().size();
    held[1] = second.state();
    second = null; // Of the second snapshot, only its raw state stays reachable now.
    Map<String, long[]> state = liveHistogram();
    Reference.reachabilityFence(held);

    PrintWriter out = spec.commandLine().getOut();
    long unaccounted = two.getOrDefault(NOT_A_SNAPSHOT_TYPE, new long[2])[1]
        - one.getOrDefault(NOT_A_SNAPSHOT_TYPE, new long[2])[1];
    out.println(String.format(Locale.ROOT, "heap assets=%d snapshot=%d state=%d unaccounted=%d",
        assets, total(two) - total(one), total(state) - total(one), unaccounted));
    List<Map.Entry<String, long[]>> growth = new ArrayList<>();
    for (Map.Entry<String, long[]> entry : two.entrySet()) {
      if (entry.getKey().equals(NOT_A_SNAPSHOT_TYPE)) {
        continue;
      }
      long[] before = one.getOrDefault(entry.getKey(), new long[2]);
      growth.add(Map.entry(entry.getKey(), new long[] {entry.getValue()[0] - before[0], entry.getValue()[1] - before[1]}));
    }
    growth.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
    for (Map.Entry<String, long[]> entry : growth.subList(0, Math.min(CLASSES_SHOWN, growth.size()))) {
      out.println(String.format(Locale.ROOT, "class %s %d %d", entry.getKey(), entry.getValue()[1], entry.getValue()[0]));
    }
    out.flush();
    return 0;
  }

  /**
   * Opens the workspace, takes its snapshot and closes it again. A method of its own, so that no
   * local variable of the caller's frame keeps the workspace (and its local memory) reachable.
   */
  private static Snapshot open(Path root) throws Exception {
    try (Workspace workspace = Workspace.openForReading(root, Options.defaults())) {
      return workspace.snapshot();
    }
  }

  /** Live objects by class name: {instances, bytes}; the JVM collects fully before it counts. */
  private static Map<String, long[]> liveHistogram() throws JMException {
    String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Map<String, long[]> classes = new TreeMap<>();
    for (String line : histogram.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 4 && fields[0].endsWith(":")) {
        classes.put(fields[3], new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])});
      }
    }
    return classes;
  }

  private static long total(Map<String, long[]> classes) {
    long bytes = 0;
    for (Map.Entry<String, long[]> entry : classes.entrySet()) {
      if (!entry.getKey().equals(NOT_A_SNAPSHOT_TYPE)) {
        bytes += entry.getValue()[1];
      }
    }
    return bytes;
  }
}
