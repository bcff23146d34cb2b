package packer.cli.bench;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import packer.pack.Pack;
import packer.pack.PackEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The pack reader as a game uses it, in-process: {@link Pack#open}, random lookups by id and by
 * name, a sequential read of every entry's bytes (copied out of the mapped file into the caller's
 * array, as a game loading an entry does) and a full verify. Each is repeated in rounds in one
 * JVM; {@code bench run} keeps the rounds after the warm-up ones.
 *
 * <p>Prints {@code NAME round=R nanos=T count=C} lines, where C counts lookups or bytes.
 */
@Command(name = "reader", hidden = true, description = "Time the pack reader in-process (for bench run).")
final class ReaderCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PACK") Path pack;

  @Option(names = "--rounds", defaultValue = "8") int rounds;

  @Option(names = "--lookups", defaultValue = "1000000") int lookups;

  @Option(names = "--seed", defaultValue = "1") long seed;

  @Spec CommandSpec spec;

  private long sink;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long start = System.nanoTime();
    try (Pack opened = Pack.open(pack)) {
      print(out, "open", 1, System.nanoTime() - start, opened.size());
      List<PackEntry> entries = opened.entries();
      print(out, "entries", 1, 0, entries.size());
      SplittableRandom random = new SplittableRandom(seed);
      long[] ids = new long[lookups];
      String[] names = new String[lookups];
      for (int i = 0; i < lookups; i++) {
        PackEntry entry = entries.get(random.nextInt(entries.size()));
        ids[i] = entry.id();
        names[i] = new String(entry.name().toCharArray()); // Not the entry's own instance.
      }
      byte[] buffer = new byte[1 << 20];
      for (int round = 1; round <= rounds; round++) {
        long t = System.nanoTime();
        long bytes = readAll(opened, entries, buffer);
        print(out, "read", round, System.nanoTime() - t, bytes);
        t = System.nanoTime();
        for (long id : ids) {
          sink += opened.find(id).orElseThrow().dataOffset();
        }
        print(out, "id", round, System.nanoTime() - t, lookups);
        t = System.nanoTime();
        for (String name : names) {
          sink += opened.findByName(name).orElseThrow().dataOffset();
        }
        print(out, "name", round, System.nanoTime() - t, lookups);
      }
      long t = System.nanoTime();
      opened.verify();
      print(out, "verify", 1, System.nanoTime() - t, opened.size());
    }
    out.println("sink " + sink);
    out.flush();
    return 0;
  }

  /** Every entry's stored bytes, in id order, copied into {@code buffer} piece by piece. */
  private long readAll(Pack opened, List<PackEntry> entries, byte[] buffer) throws Exception {
    long total = 0;
    for (PackEntry entry : entries) {
      if (entry.storedSize() <= Integer.MAX_VALUE) {
        ByteBuffer data = opened.data(entry);
        while (data.hasRemaining()) {
          int n = Math.min(buffer.length, data.remaining());
          data.get(buffer, 0, n);
          sink += buffer[n - 1];
          total += n;
        }
      } else {
        try (InputStream in = opened.openStream(entry)) {
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
          }
        }
      }
    }
    return total;
  }

  private static void print(PrintWriter out, String name, int round, long nanos, long count) {
    out.println(String.format(Locale.ROOT, "%s round=%d nanos=%d count=%d", name, round, nanos, count));
  }
}
