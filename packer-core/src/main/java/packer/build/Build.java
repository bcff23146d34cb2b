package packer.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import packer.build.cache.BuildCache;
import packer.build.cache.FileStat;
import packer.build.cache.Fingerprints;
import packer.build.cache.OutputRecord;
import packer.declaration.Declaration;
import packer.declaration.DeclarationReader;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.pack.Compression;
import packer.pack.EntryChangedException;
import packer.pack.Pack;
import packer.pack.PackEntry;
import packer.pack.PackWriter;
import packer.pack.Sha256;
import packer.pack.StoredBytes;
import packer.processor.Processor;
import packer.processor.Processors;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;
import packer.workspace.WorkspaceConfig;

/**
 * Builds a workspace snapshot into {@code <output>/<name>.pack} and {@code <name>.manifest.json}.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.openForReading(dir, Options.defaults())) {
 *   BuildResult built = new Build(Processors.builtIn(), executor, "1.0")
 *       .run(ws.root(), ws.snapshot(), Build.outputOf(ws.root(), ws.snapshot()));
 * }
 * }</pre>
 *
 * <p><b>Determinism.</b> {@code snapshot → validate → plan (sorted by id) → process → write}.
 * Assets are processed in parallel on the given executor, but results are gathered by asset and
 * emitted strictly in id order, never in completion order; the pack and the manifest are functions
 * of the registry, the declarations, the input bytes and the packer version alone, whatever the
 * cache holds.
 *
 * <p><b>Incremental.</b> Each input is stat'ed; the fingerprint index ({@code
 * .packer/cache/build/fingerprints}) gives the content hash of a file whose stat is unchanged, so
 * only new or changed files are read. Each entry's cache key (processor and version, params,
 * compression, input hashes) then decides where its bytes come from: the previous pack at the same
 * path when it still holds the entry made from that key (stored bytes copied, never decoded), the
 * build cache, or the processor. When every entry comes unchanged from the previous pack, the pack
 * is left alone (not rewritten). The previous pack is used only while its stat is the one this
 * build recorded when writing it and its header and index check out.
 *
 * <p><b>Safety.</b> A workspace with errors is refused before anything is read. Every input's stat
 * must match what the snapshot saw, and a file that is read must stat the same before and after;
 * a processing failure or a changed input fails the whole build with every diagnostic, and nothing
 * is written. Damaged cache values are discarded and rebuilt, never emitted. The pack and the
 * manifest are each written to a temp file, forced, and renamed into place.
 */
public final class Build {

  private final Processors processors;
  private final ExecutorService executor;
  private final String packerVersion;
  private final InputReader reader;
  private final BuildProgress progress;

  /**
   * @param executor runs the per-asset work; the build waits for its tasks but never shuts it down
   * @param packerVersion recorded in the manifest
   */
  public Build(Processors processors, ExecutorService executor, String packerVersion) {
    this(processors, executor, packerVersion, InputReader.FILES, BuildProgress.NONE);
  }

  private Build(
      Processors processors, ExecutorService executor, String packerVersion, InputReader reader,
      BuildProgress progress) {
    this.processors = Objects.requireNonNull(processors, "processors");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.packerVersion = Objects.requireNonNull(packerVersion, "packerVersion");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** This build, reading input files through {@code newReader}. */
  public Build withReader(InputReader newReader) {
    return new Build(processors, executor, packerVersion, newReader, progress);
  }

  /** This build, telling {@code newProgress} how far it is. */
  public Build withProgress(BuildProgress newProgress) {
    return new Build(processors, executor, packerVersion, reader, newProgress);
  }

  /** The output folder {@code packer.json} asks for, resolved against the workspace root. */
  public static Path outputOf(Path root, Snapshot snapshot) {
    return root.resolve(snapshot.state().config().output());
  }

  /**
   * Builds {@code snapshot} of the workspace at {@code root} into {@code outputFolder} (created if
   * missing).
   *
   * @throws BuildFailedException with every diagnostic when the workspace has errors, an input
   *     cannot be processed or changed during the build; nothing is written then
   * @throws IOException when reading an input or writing the output fails
   */
  public BuildResult run(Path root, Snapshot snapshot, Path outputFolder)
      throws BuildFailedException, IOException {
    long startNanos = nowNanos();
    if (snapshot.hasErrors()) {
      throw new BuildFailedException(snapshot.diagnostics());
    }
    WorkspaceConfig config = snapshot.state().config();
    BuildCache cache = BuildCache.of(root);
    Path pack = outputFolder.resolve(config.name() + ".pack");
    Path manifest = outputFolder.resolve(config.name() + ".manifest.json");
    Path recordFile = OutputRecord.fileFor(cache, pack);
    // Each is tens of milliseconds of parsing and checking for a large workspace: side by side.
    Future<Optional<PreviousPack>> opening = executor.submit(() -> PreviousPack.open(recordFile, pack));
    Fingerprints fingerprints;
    try {
      fingerprints = Fingerprints.load(cache.fingerprintsFile());
    } catch (IOException | RuntimeException e) {
      try {
        Optional<PreviousPack> opened = awaitAny(opening);
        if (opened.isPresent()) {
          opened.get().close();
        }
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    Optional<PreviousPack> previous = awaitAny(opening);
    try {
      AssetJob.Context context = new AssetJob.Context(root, fingerprints, cache, previous, reader,
          EntryCodec.DEFAULT_ZSTD_LEVEL, config.compression());
      List<AssetJob> jobs = plan(snapshot, context);
      OptionalInt zstdLevel = jobs.stream().anyMatch(job -> job.compression().equals("zstd"))
          ? OptionalInt.of(context.zstdLevel()) : OptionalInt.empty();
      List<Outcome> outcomes = process(jobs);
      BuildResult result = write(config, outcomes, pack, manifest, previous, recordFile, zstdLevel);
      if (fingerprints.changedSinceLoad()) {
        fingerprints.save(cache.fingerprintsFile(), startNanos);
      }
      return result;
    } finally {
      if (previous.isPresent()) {
        previous.get().close();
      }
    }
  }

  /** One job per registered asset, in id order. */
  private List<AssetJob> plan(Snapshot snapshot, AssetJob.Context context) throws BuildFailedException {
    List<Diagnostic> problems = new ArrayList<>();
    List<AssetJob> jobs = new ArrayList<>();
    for (Map.Entry<AssetId, Asset> planned : snapshot.assetsById().entrySet()) {
      Asset asset = planned.getValue();
      if (asset.state() != AssetState.REGISTERED) {
        continue;
      }
      Declaration declaration = asset.declaration().orElseThrow();
      Optional<Processor> processor = processors.find(declaration.type());
      if (processor.isEmpty()) {
        problems.add(Diagnostic.error(Code.UNKNOWN_TYPE, asset.folder() + "/" + DeclarationReader.FILE_NAME,
            0, 0, "no processor for type '" + declaration.type() + "' in this build"));
        continue;
      }
      jobs.add(new AssetJob(context, planned.getKey(), asset, declaration, processor.get()));
    }
    if (!problems.isEmpty()) {
      throw new BuildFailedException(problems);
    }
    return jobs;
  }

  /**
   * Trims the build cache of the workspace at {@code root} to what building {@code snapshot} would
   * use: deletes every value whose key no asset has now (inputs hashed as a build would, through
   * the fingerprints) and the fingerprints of files that are no longer inputs.
   *
   * @throws BuildFailedException when the workspace has errors (the keys of its broken assets are
   *     unknown, so their values cannot be told from garbage) or an input changed meanwhile
   */
  public CacheTrimmed trimCache(Path root, Snapshot snapshot) throws BuildFailedException, IOException {
    long startNanos = nowNanos();
    if (snapshot.hasErrors()) {
      throw new BuildFailedException(snapshot.diagnostics());
    }
    WorkspaceConfig config = snapshot.state().config();
    BuildCache cache = BuildCache.of(root);
    Fingerprints fingerprints = Fingerprints.load(cache.fingerprintsFile());
    AssetJob.Context context = new AssetJob.Context(root, fingerprints, cache, Optional.empty(), reader,
        EntryCodec.DEFAULT_ZSTD_LEVEL, config.compression());
    List<AssetJob> jobs = plan(snapshot, context);
    List<Future<AssetJob.Keyed>> futures = new ArrayList<>();
    java.util.Set<String> keep = new java.util.TreeSet<>();
    java.util.Set<String> inputs = new java.util.TreeSet<>();
    List<Diagnostic> problems = new ArrayList<>();
    try {
      for (AssetJob job : jobs) {
        futures.add(executor.submit(job::key));
        inputs.addAll(job.inputPaths());
      }
      for (Future<AssetJob.Keyed> future : futures) {
        AssetJob.Keyed keyed = awaitAny(future);
        keyed.key().ifPresent(keep::add);
        problems.addAll(keyed.problems());
      }
    } finally {
      for (Future<AssetJob.Keyed> future : futures) {
        future.cancel(true);
      }
    }
    if (!problems.isEmpty()) {
      throw new BuildFailedException(problems);
    }
    BuildCache.Trimmed trimmed = cache.trim(keep, System.currentTimeMillis());
    java.util.Set<String> dropped = new java.util.TreeSet<>(fingerprints.loadedPaths());
    dropped.removeAll(inputs);
    fingerprints.save(cache.fingerprintsFile(), startNanos, inputs);
    return new CacheTrimmed(trimmed.files(), trimmed.bytes(), trimmed.kept(), dropped.size());
  }

  private List<Outcome> process(List<AssetJob> jobs) throws BuildFailedException, IOException {
    List<Future<Outcome>> futures = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    try {
      progress.planned(jobs.size());
      for (AssetJob job : jobs) {
        futures.add(executor.submit(() -> {
          Outcome outcome = job.call();
          progress.assetDone();
          return outcome;
        }));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        Outcome outcome = await(future);
        problems.addAll(outcome.problems());
        outcomes.add(outcome);
      }
      if (!problems.isEmpty()) {
        throw new BuildFailedException(problems);
      }
      return outcomes;
    } finally {
      for (Future<Outcome> future : futures) {
        future.cancel(true);
      }
    }
  }

  private BuildResult write(
      WorkspaceConfig config, List<Outcome> outcomes, Path pack, Path manifest,
      Optional<PreviousPack> previous, Path recordFile, OptionalInt zstdLevel)
      throws BuildFailedException, IOException {
    List<BuiltEntry> entries = new ArrayList<>();
    Map<String, String> keys = new TreeMap<>();
    long bytesIn = 0;
    int processed = 0;
    int copied = 0;
    int reads = 0;
    for (Outcome outcome : outcomes) {
      entries.add(outcome.entry());
      keys.put(outcome.entry().id().hex(), outcome.key());
      bytesIn += outcome.bytesIn();
      reads += outcome.inputsRead();
      if (outcome.source() == Outcome.Source.PROCESSED) {
        processed++;
      } else if (outcome.source() == Outcome.Source.COPIED) {
        copied++;
      }
    }
    int cacheHits = outcomes.size() - processed;

    if (previous.isPresent() && holdsExactly(previous.get(), outcomes, config.alignment())) {
      OutputRecord record = previous.get().record();
      Pack old = previous.get().pack();
      byte[] rendered = Manifest.render(config.name(), packerVersion, old.majorVersion(), old.minorVersion(),
          config.alignment(), record.packSha256(), entries, zstdLevel);
      String manifestSha = Sha256.digest(rendered).hex();
      FileStat manifestStat = statOrNull(manifest);
      if (!manifestSha.equals(record.manifestSha256()) || !record.manifest().equals(manifestStat)) {
        Manifest.writeAtomically(manifest, rendered);
        manifestStat = FileStat.of(manifest);
      }
      OutputRecord now = new OutputRecord(record.pack(), record.packSha256(), manifestStat, manifestSha,
          config.alignment(), keys, record.entryCrcs());
      if (!now.equals(record)) {
        now.save(recordFile);
      }
      return new BuildResult(pack, manifest, record.packSha256(), entries, bytesIn, record.pack().size(),
          processed, cacheHits, copied, reads, false);
    }

    PackWriter writer = new PackWriter(config.alignment());
    Map<String, Integer> crcs = new TreeMap<>();
    Map<Long, Outcome> byId = new HashMap<>(); // looked up, never iterated
    for (Outcome outcome : outcomes) {
      BuiltEntry entry = outcome.entry();
      StoredBytes stored;
      if (outcome.source() == Outcome.Source.COPIED) {
        PackEntry from = outcome.previous();
        stored = StoredBytes.copyOf(previous.orElseThrow().pack(), from);
        Integer crc = previous.get().record().entryCrcs().get(entry.id().hex());
        if (crc != null) {
          stored = stored.withCrc32c(crc);
        }
        // Name and type from the declaration: a renamed asset keeps its bytes.
        writer.add(entry.id().value(), entry.type(), entry.name(), from.compression(), from.rawSize(),
            from.contentHash(), stored);
      } else {
        stored = outcome.stored();
        writer.add(entry.id().value(), entry.type(), entry.name(), outcome.compression(), entry.rawSize(),
            Sha256.parse(entry.sha256()), stored);
      }
      stored.crc32c().ifPresent(crc -> crcs.put(entry.id().hex(), crc));
      byId.put(entry.id().value(), outcome);
    }
    Files.createDirectories(pack.getParent());
    PackWriter.Written packed;
    try {
      packed = writer.writeAtomicallyHashed(pack);
    } catch (InputChangedException e) {
      throw new BuildFailedException(List.of(e.diagnostic()));
    } catch (EntryChangedException e) {
      throw changed(byId.get(e.entryId()), pack, recordFile, e);
    }
    long size = packed.size();
    String sha256 = packed.sha256().hex();
    byte[] rendered = Manifest.render(config.name(), packerVersion, packed.majorVersion(), packed.minorVersion(),
        config.alignment(), sha256,
        entries, zstdLevel);
    Manifest.writeAtomically(manifest, rendered);
    new OutputRecord(FileStat.of(pack), sha256, FileStat.of(manifest), Sha256.digest(rendered).hex(),
        config.alignment(), keys, crcs).save(recordFile);
    return new BuildResult(pack, manifest, sha256, entries, bytesIn, size, processed, cacheHits, copied, reads, true);
  }

  /**
   * Why the pack could not be written when an entry's bytes were not, as the writer read them,
   * those the build had hashed or recorded: an input file rewritten without its stat showing it,
   * or the previous pack damaged since it was written (then it is not trusted again).
   */
  private static BuildFailedException changed(Outcome outcome, Path pack, Path recordFile, EntryChangedException e)
      throws IOException {
    if (outcome != null && outcome.ifChanged() != null) {
      return new BuildFailedException(List.of(outcome.ifChanged()));
    }
    if (outcome == null || outcome.source() != Outcome.Source.COPIED) {
      throw e; // bytes held in memory cannot change: a bug, not the user's doing
    }
    Files.deleteIfExists(recordFile);
    String file = pack.getFileName().toString();
    return new BuildFailedException(List.of(Diagnostic.error(Code.INPUT_CHANGED, file, 0, 0,
        file + " no longer holds the bytes the last build wrote for " + outcome.entry().name() + " ("
            + e.getMessage() + "); it will not be copied from again: run the build again")));
  }

  /**
   * Whether writing these outcomes would give the previous pack byte for byte: every entry copied
   * from it, none added or dropped, same names, types and alignment.
   */
  private static boolean holdsExactly(PreviousPack previous, List<Outcome> outcomes, int alignment) {
    Pack old = previous.pack();
    if (old.alignment() != alignment || old.entries().size() != outcomes.size()) {
      return false;
    }
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome outcome = outcomes.get(i);
      PackEntry entry = old.entries().get(i);
      if (outcome.source() != Outcome.Source.COPIED || !outcome.previous().equals(entry)
          || !entry.name().equals(outcome.entry().name()) || !entry.type().equals(outcome.entry().type())) {
        return false;
      }
    }
    return true;
  }

  private static FileStat statOrNull(Path file) throws IOException {
    try {
      return FileStat.of(file);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  private static long nowNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private static Outcome await(Future<Outcome> future) throws IOException {
    return awaitAny(future);
  }

  private static <T> T awaitAny(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("the build was interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }
}
