package packer.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import packer.declaration.DeclarationReader;
import packer.id.AssetId;
import packer.json.CanonicalJson;
import packer.registry.Registry;
import packer.registry.RegistryRecord;
import packer.workspace.Workspace;

/**
 * Makes synthetic workspaces for benchmarks: N registered blob assets under {@code assets/}, one to
 * four folders deep, each with one to three inputs of log-normal size and a few tags.
 *
 * <p>The workspace is a function of the settings alone: the same seed gives the same files with
 * the same bytes, whatever the thread count or the folder it is written to. Everything is drawn
 * from one {@link Random} (whose algorithm the JDK specifies, so it never changes) in a single
 * planning pass; the writing pass, which runs in parallel, only reads that plan.
 *
 * <p>It writes registry records directly, as {@code packer adopt --all} would have, with plain
 * {@code java.nio} and no fsync: a benchmark fixture needs to be fast, not crash-safe.
 */
final class WorkspaceGenerator {

  /** The workspace name in packer.json; fixed so that two folders generated alike are equal. */
  static final String WORKSPACE_NAME = "bench";

  /** Median input size; sizes are log-normal around it with {@link #SIGMA}. */
  static final long MEDIAN_INPUT_BYTES = 4096;

  /** Gives a long tail: about 1 input in 40 is over 64 KiB, 1 in 1,000 over 512 KiB. */
  static final double SIGMA = 1.5;

  static final long MAX_INPUT_BYTES = 64L << 20;

  private static final String[] CATEGORIES = {
    "characters", "environment", "props", "ui", "audio", "fx", "levels", "vehicles", "weapons", "materials"
  };
  private static final String[] SUBCATEGORIES = {
    "common", "forest", "desert", "city", "interior", "space", "dungeon", "ocean", "winter", "ruins", "menus", "hud"
  };
  private static final String[] WORDS = {
    "hero", "tree", "rock", "crate", "door", "lamp", "sword", "shield", "barrel", "wall", "floor", "banner",
    "potion", "torch", "chest", "statue", "bridge", "cloud", "coin", "gem", "grass", "robot", "ship", "skull"
  };
  private static final String[] INPUT_NAMES = {
    "source.bin", "mesh.bin", "texture.bin", "normal.bin", "anim.bin", "sound.bin", "meta.bin", "lod1.bin"
  };
  private static final String[] TAGS = {
    "hd", "mobile", "streaming", "ui", "level-1", "level-2", "dlc", "placeholder", "shared", "localized"
  };
  private static final int POOL_BYTES = 1 << 20;
  private static final int CHUNK_BYTES = 1 << 16;
  private static final int HEADER_BYTES = 16;

  /**
   * What to generate.
   *
   * @param totalBytes the sum of all input sizes, or empty for the natural log-normal sum
   * @param oneInput every asset gets exactly one input, so that the workspace builds ({@code blob}
   *     takes one input); otherwise one to three, as a status or lane benchmark wants
   */
  record Settings(int assets, long seed, OptionalLong totalBytes, boolean oneInput) {

    Settings(int assets, long seed, OptionalLong totalBytes) {
      this(assets, seed, totalBytes, false);
    }

    Settings {
      if (assets < 1) {
        throw new IllegalArgumentException("--assets must be at least 1, not " + assets);
      }
      if (totalBytes.isPresent() && totalBytes.getAsLong() < 0) {
        throw new IllegalArgumentException("--total-bytes must not be negative");
      }
    }
  }

  /** What was written. */
  record Summary(Path root, int assets, long inputFiles, long inputBytes, long nanos) {}

  private record Input(String name, long size) {}

  private record PlannedAsset(int index, AssetId id, String folder, String name, List<Input> inputs,
      List<String> tags, long contentSeed) {}

  private final Settings settings;
  private final int threads;

  WorkspaceGenerator(Settings settings, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.settings = settings;
    this.threads = threads;
  }

  /** Generates the workspace into {@code dir}, which must be absent or empty. */
  Summary generate(Path dir) throws IOException {
    long start = System.nanoTime();
    Path root = dir.toAbsolutePath().normalize();
    if (Files.exists(root) && (!Files.isDirectory(root) || !isEmpty(root))) {
      throw new FileAlreadyExistsException(root.toString(), null,
          "not an empty folder; the generator only writes into a new or empty one");
    }
    List<PlannedAsset> plan = plan();
    Workspace.init(root, WORKSPACE_NAME);
    for (int shard = 0; shard < 256; shard++) {
      Files.createDirectories(root.resolve(Registry.FOLDER).resolve(String.format(Locale.ROOT, "%02x", shard)));
    }
    byte[] pool = new byte[POOL_BYTES];
    new Random(settings.seed() ^ 0x5DEECE66DL).nextBytes(pool);
    write(root, plan, pool);
    long files = 0;
    long bytes = 0;
    for (PlannedAsset asset : plan) {
      files += asset.inputs().size();
      for (Input input : asset.inputs()) {
        bytes += input.size();
      }
    }
    return new Summary(root, plan.size(), files, bytes, System.nanoTime() - start);
  }

  private List<PlannedAsset> plan() {
    Random random = new Random(settings.seed());
    Set<Long> ids = new HashSet<>();
    List<PlannedAsset> plan = new ArrayList<>(settings.assets());
    for (int i = 0; i < settings.assets(); i++) {
      String name = WORDS[random.nextInt(WORDS.length)] + "-" + Integer.toString(i, 36);
      String folder = folderOf(random, name);
      List<Input> inputs = new ArrayList<>();
      List<String> names = new ArrayList<>(List.of(INPUT_NAMES));
      int inputCount = pick(random, 50, 35, 15) + 1;
      for (int k = 0; k < inputCount; k++) {
        inputs.add(new Input(names.remove(random.nextInt(names.size())), logNormalSize(random)));
      }
      if (settings.oneInput()) {
        // All are drawn anyway, so that a one-input workspace has the names, folders and ids of the other.
        inputs.subList(1, inputs.size()).clear();
      }
      inputs.sort((a, b) -> a.name().compareTo(b.name()));
      TreeSet<String> tags = new TreeSet<>();
      int tagCount = pick(random, 30, 35, 25, 10);
      while (tags.size() < tagCount) {
        tags.add(TAGS[random.nextInt(TAGS.length)]);
      }
      long id;
      do {
        id = random.nextLong();
      } while (!ids.add(id));
      plan.add(new PlannedAsset(i, new AssetId(id), folder, name, inputs, List.copyOf(tags), random.nextLong()));
    }
    return settings.totalBytes().isPresent() ? scaled(plan, settings.totalBytes().getAsLong()) : plan;
  }

  /** {@code assets/[category/[subcategory/[groupNN/]]]name}: 10% one level deep, then 30%, 40%, 20%. */
  private static String folderOf(Random random, String name) {
    int depth = pick(random, 10, 30, 40, 20) + 1;
    StringBuilder folder = new StringBuilder("assets/");
    if (depth >= 2) {
      folder.append(CATEGORIES[random.nextInt(CATEGORIES.length)]).append('/');
    }
    if (depth >= 3) {
      folder.append(SUBCATEGORIES[random.nextInt(SUBCATEGORIES.length)]).append('/');
    }
    if (depth >= 4) {
      folder.append(String.format(Locale.ROOT, "group%02d", random.nextInt(16))).append('/');
    }
    return folder.append(name).toString();
  }

  private static long logNormalSize(Random random) {
    double size = MEDIAN_INPUT_BYTES * Math.exp(SIGMA * random.nextGaussian());
    return Math.max(1, Math.min(MAX_INPUT_BYTES, Math.round(size)));
  }

  /** An index drawn with the given weights (in percent). */
  private static int pick(Random random, int... weights) {
    int roll = random.nextInt(100);
    for (int i = 0; i < weights.length; i++) {
      roll -= weights[i];
      if (roll < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** The same shape of sizes, scaled so that they sum to exactly {@code total}. */
  private static List<PlannedAsset> scaled(List<PlannedAsset> plan, long total) {
    double natural = 0;
    for (PlannedAsset asset : plan) {
      for (Input input : asset.inputs()) {
        natural += input.size();
      }
    }
    double factor = total / natural;
    List<PlannedAsset> out = new ArrayList<>(plan.size());
    long sum = 0;
    int largestAsset = 0;
    int largestInput = 0;
    long largest = -1;
    for (PlannedAsset asset : plan) {
      List<Input> inputs = new ArrayList<>();
      for (Input input : asset.inputs()) {
        long size = (long) Math.floor(input.size() * factor);
        if (size > largest) {
          largest = size;
          largestAsset = out.size();
          largestInput = inputs.size();
        }
        sum += size;
        inputs.add(new Input(input.name(), size));
      }
      out.add(new PlannedAsset(asset.index(), asset.id(), asset.folder(), asset.name(), inputs, asset.tags(),
          asset.contentSeed()));
    }
    // Rounding down lost less than one byte per file: the largest file takes up the difference.
    PlannedAsset big = out.get(largestAsset);
    List<Input> inputs = new ArrayList<>(big.inputs());
    Input input = inputs.get(largestInput);
    inputs.set(largestInput, new Input(input.name(), input.size() + (total - sum)));
    out.set(largestAsset, new PlannedAsset(big.index(), big.id(), big.folder(), big.name(), inputs, big.tags(),
        big.contentSeed()));
    return out;
  }

  private void write(Path root, List<PlannedAsset> plan, byte[] pool) throws IOException {
    ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "packer-bench-generator");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      int slice = 256;
      for (int from = 0; from < plan.size(); from += slice) {
        List<PlannedAsset> part = plan.subList(from, Math.min(plan.size(), from + slice));
        futures.add(executor.submit(() -> {
          for (PlannedAsset asset : part) {
            try {
              writeAsset(root, asset, pool);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IOException("generating the workspace failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating the workspace", e);
    } finally {
      executor.shutdownNow();
    }
  }

  private static void writeAsset(Path root, PlannedAsset asset, byte[] pool) throws IOException {
    Path folder = root.resolve(asset.folder());
    Files.createDirectories(folder);
    SplittableRandom content = new SplittableRandom(asset.contentSeed());
    for (int k = 0; k < asset.inputs().size(); k++) {
      Input input = asset.inputs().get(k);
      writeInput(folder.resolve(input.name()), input.size(), asset.index(), k, content.nextInt(POOL_BYTES), pool);
    }
    Files.write(folder.resolve(DeclarationReader.FILE_NAME), declaration(asset));
    RegistryRecord.Bound record = new RegistryRecord.Bound(asset.id(), asset.folder());
    Files.write(root.resolve(RegistryRecord.pathOf(asset.id())), record.toJson());
  }

  /** asset.json as {@code packer new} writes it. */
  private static byte[] declaration(PlannedAsset asset) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", asset.name());
    json.put("type", "blob");
    ArrayNode inputs = json.putArray("inputs");
    asset.inputs().forEach(input -> inputs.add(input.name()));
    if (!asset.tags().isEmpty()) {
      ArrayNode tags = json.putArray("tags");
      asset.tags().forEach(tags::add);
    }
    return CanonicalJson.pretty(json);
  }

  /**
   * An input's bytes: a header naming the asset and input (so no two files are equal, as in a real
   * project, and git cannot share their blobs), then the random pool from a drawn offset.
   */
  private static void writeInput(Path file, long size, int assetIndex, int inputIndex, int offset, byte[] pool)
      throws IOException {
    byte[] header = ByteBuffer.allocate(HEADER_BYTES).putLong(assetIndex).putInt(inputIndex).putInt(0x7061636b).array();
    byte[] buffer = new byte[(int) Math.min(size, CHUNK_BYTES)];
    try (OutputStream out = Files.newOutputStream(file)) {
      long written = 0;
      int position = offset;
      while (written < size) {
        int n = (int) Math.min(buffer.length, size - written);
        int filled = 0;
        if (written < HEADER_BYTES) {
          filled = (int) Math.min(n, HEADER_BYTES - written);
          System.arraycopy(header, (int) written, buffer, 0, filled);
        }
        while (filled < n) {
          int chunk = Math.min(n - filled, POOL_BYTES - position);
          System.arraycopy(pool, position, buffer, filled, chunk);
          filled += chunk;
          position = (position + chunk) % POOL_BYTES;
        }
        out.write(buffer, 0, n);
        written += n;
      }
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
