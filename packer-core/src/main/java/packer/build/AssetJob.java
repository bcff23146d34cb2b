package packer.build;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.zip.CRC32C;
import packer.build.cache.BuildCache;
import packer.build.cache.CacheKey;
import packer.build.cache.CachedValue;
import packer.build.cache.FileStat;
import packer.build.cache.Fingerprints;
import packer.declaration.Declaration;
import packer.declaration.DeclarationReader;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.pack.Compression;
import packer.pack.PackEntry;
import packer.pack.Sha256;
import packer.pack.StoredBytes;
import packer.processor.InputFile;
import packer.processor.ProcessingException;
import packer.processor.Processor;
import packer.processor.ProcessorInput;
import packer.scan.ResolvedInput;
import packer.snapshot.Asset;

/**
 * One asset's part of a build: stat its inputs and check them against the snapshot, hash those
 * the fingerprint index does not vouch for, make the cache key, then take the entry from the
 * previous pack, from the cache, or run the processor (reading what was not read yet). A pure
 * function of the files and the declaration, so any number run in parallel.
 */
final class AssetJob implements Callable<Outcome> {

  private static final int DIGEST_BUFFER = 1 << 16;

  /** What the job shares with the other jobs of one build. */
  record Context(
      Path root, Fingerprints fingerprints, BuildCache cache, Optional<PreviousPack> previous,
      InputReader reader, int zstdLevel, String workspaceCompression) {}

  private final Context context;
  private final AssetId id;
  private final Asset asset;
  private final Declaration declaration;
  private final Processor processor;

  AssetJob(Context context, AssetId id, Asset asset, Declaration declaration, Processor processor) {
    this.context = context;
    this.id = id;
    this.asset = asset;
    this.declaration = declaration;
    this.processor = processor;
  }

  /** The compression this asset asks for: its own, or the workspace's. */
  String compression() {
    return declaration.compression().orElse(context.workspaceCompression());
  }

  /** The inputs stat'ed, checked and hashed, and the cache key; or the problems found. */
  private record Planned(
      FileStat[] stats, String[] hashes, Integer[] crcs, byte[][] bytes, List<BuiltInput> inputs, String key,
      long bytesIn, int reads, List<Diagnostic> problems) {}

  /** The cache key of an asset's entry, or the problems that kept it from being known. */
  record Keyed(Optional<String> key, List<Diagnostic> problems) {}

  /** The cache key of this asset's entry, reading only inputs the fingerprints do not vouch for. */
  Keyed key() throws IOException {
    Planned planned = plan();
    return planned.problems().isEmpty()
        ? new Keyed(Optional.of(planned.key()), List.of())
        : new Keyed(Optional.empty(), planned.problems());
  }

  /** The workspace-relative paths of this asset's inputs. */
  List<String> inputPaths() {
    List<String> paths = new ArrayList<>();
    asset.inputs().forEach(input -> paths.add(shown(input)));
    return paths;
  }

  private Planned plan() throws IOException {
    List<ResolvedInput> resolved = asset.inputs();
    int count = resolved.size();
    FileStat[] stats = new FileStat[count];
    String[] hashes = new String[count];
    Integer[] crcs = new Integer[count];
    byte[][] bytes = new byte[count][];
    List<Diagnostic> problems = new ArrayList<>();
    int reads = 0;
    long bytesIn = 0;
    for (int i = 0; i < count; i++) {
      ResolvedInput input = resolved.get(i);
      String shown = shown(input);
      FileStat stat;
      try {
        stat = FileStat.of(file(input));
      } catch (NoSuchFileException e) {
        problems.add(changed(shown, "was deleted during the build; run it again"));
        continue;
      }
      if (stat.size() != input.size() || stat.modifiedMillis() != input.modifiedMillis()) {
        problems.add(changed(shown, "changed during the build; run it again"));
        continue;
      }
      stats[i] = stat;
      bytesIn += stat.size();
      Optional<String> known = context.fingerprints().lookup(shown(input), stat);
      if (known.isPresent()) {
        hashes[i] = known.get();
        continue;
      }
      reads++;
      Optional<Diagnostic> problem = streamed() ? digest(i, stats, hashes, crcs) : read(i, stats, bytes);
      if (problem.isPresent()) {
        problems.add(problem.get());
        continue;
      }
      if (hashes[i] == null) {
        hashes[i] = Sha256.digest(bytes[i]).hex();
      }
      context.fingerprints().record(shown(input), stat, hashes[i]);
    }
    if (!problems.isEmpty()) {
      return new Planned(stats, hashes, crcs, bytes, List.of(), null, bytesIn, reads, problems);
    }
    List<CacheKey.Input> keyInputs = new ArrayList<>();
    List<BuiltInput> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keyInputs.add(new CacheKey.Input(resolved.get(i).path(), hashes[i]));
      inputs.add(new BuiltInput(resolved.get(i).path(), stats[i].size(), hashes[i]));
    }
    String key = CacheKey.of(processor.type(), processor.version(), declaration.params(),
        EntryCodec.describe(compression(), context.zstdLevel()), keyInputs);
    return new Planned(stats, hashes, crcs, bytes, inputs, key, bytesIn, reads, problems);
  }

  @Override
  public Outcome call() throws IOException {
    Planned planned = plan();
    if (!planned.problems().isEmpty()) {
      return Outcome.failed(planned.problems(), planned.reads());
    }
    List<ResolvedInput> resolved = asset.inputs();
    int count = resolved.size();
    FileStat[] stats = planned.stats();
    String[] hashes = planned.hashes();
    byte[][] bytes = planned.bytes();
    List<BuiltInput> inputs = planned.inputs();
    String key = planned.key();
    long bytesIn = planned.bytesIn();
    int reads = planned.reads();

    Optional<PackEntry> old = context.previous().flatMap(previous -> previous.reusable(id, key));
    if (old.isPresent()) {
      PackEntry entry = old.get();
      return Outcome.copied(entry(entry.rawSize(), entry.storedSize(), entry.compression().toString(),
          entry.contentHash().hex(), inputs), key, entry, bytesIn, reads);
    }
    Optional<CachedValue> cached = context.cache().read(key);
    if (cached.isPresent()) {
      return Outcome.of(entry(cached.get(), inputs), key, Outcome.Source.CACHED, cached.get(), bytesIn, reads);
    }

    if (streamed()) {
      BuiltEntry entry = entry(stats[0].size(), stats[0].size(), Compression.NONE.toString(), hashes[0], inputs);
      ResolvedInput input = resolved.get(0);
      return Outcome.streamed(entry, key, streamFrom(input, stats[0], planned.crcs()[0]),
          changed(shown(input), "changed during the build; run it again"), bytesIn, reads);
    }
    List<InputFile> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (bytes[i] == null) {
        reads++;
        Optional<Diagnostic> problem = read(i, stats, bytes);
        if (problem.isEmpty() && !Sha256.digest(bytes[i]).hex().equals(hashes[i])) {
          problem = Optional.of(changed(shown(resolved.get(i)), "changed during the build; run it again"));
        }
        if (problem.isPresent()) {
          return Outcome.failed(List.of(problem.get()), reads);
        }
      }
      files.add(InputFile.of(resolved.get(i).path(), bytes[i]));
    }
    byte[] output;
    try {
      output = processor.process(ProcessorInput.of(files, declaration.params()));
    } catch (ProcessingException e) {
      return Outcome.failed(List.of(diagnosticOf(e)), reads);
    }
    EntryCodec.Encoded encoded = EntryCodec.encode(output, compression(), context.zstdLevel());
    // A processor that passes its one input through (blob) made bytes whose hash is known.
    boolean passThrough = count == 1 && java.util.Arrays.equals(output, bytes[0]);
    String rawSha = passThrough ? hashes[0] : Sha256.digest(output).hex();
    CachedValue value = new CachedValue(encoded.compression(), output.length, rawSha, encoded.stored());
    if (!(passThrough && encoded.compression().equals(Compression.NONE))) {
      // Stored as is, a pass-through output is its input file: caching it would only write every
      // byte a second time, and the input is read (and checked against its hash) as fast.
      context.cache().write(key, value);
    }
    return Outcome.of(entry(value, inputs), key, Outcome.Source.PROCESSED, value, bytesIn, reads);
  }

  /**
   * Whether the entry is this asset's one input file as it is: its processor passes it through
   * and it is stored uncompressed. Then nothing holds its bytes: it is hashed as it is read, and
   * copied from the file into the pack as the pack is written.
   */
  private boolean streamed() {
    return asset.inputs().size() == 1 && processor.passesItsOnlyInputThrough()
        && compression().equals(Compression.NONE.toString());
  }

  /**
   * The input's bytes read from its file when the pack is written, then its stat checked: the
   * bytes are the ones hashed only if the file still has the stat it had then. With the CRC-32C
   * taken as it was hashed (null when it was not read now), the writer also checks the bytes.
   */
  private StoredBytes streamFrom(ResolvedInput input, FileStat hashed, Integer crc32c) {
    Path file = file(input);
    StoredBytes bytes = StoredBytes.ofFile(file, 0, hashed.size());
    if (crc32c != null) {
      bytes = bytes.withCrc32c(crc32c);
    }
    return bytes.followedBy(() -> {
      FileStat now;
      try {
        now = FileStat.of(file);
      } catch (NoSuchFileException e) {
        throw new InputChangedException(changed(shown(input), "was deleted during the build; run it again"));
      }
      if (!now.equals(hashed)) {
        throw new InputChangedException(changed(shown(input), "changed during the build; run it again"));
      }
    });
  }

  /**
   * Hashes input {@code i} as it reads it into {@code hashes[i]}, and its CRC-32C into {@code
   * crcs[i]} (the pack's checksum is made from them), holding no more than a buffer of it, then
   * stats it again as {@link #read} does.
   */
  private Optional<Diagnostic> digest(int i, FileStat[] stats, String[] hashes, Integer[] crcs) throws IOException {
    ResolvedInput input = asset.inputs().get(i);
    MessageDigest sha256 = Sha256.newDigest();
    CRC32C crc = new CRC32C();
    long length = 0;
    try (InputStream in = context.reader().open(file(input))) {
      byte[] buffer = new byte[DIGEST_BUFFER];
      for (int n; (n = in.read(buffer)) != -1; ) {
        sha256.update(buffer, 0, n);
        crc.update(buffer, 0, n);
        length += n;
      }
    } catch (NoSuchFileException e) {
      return Optional.of(changed(shown(input), "was deleted during the build; run it again"));
    }
    Optional<Diagnostic> problem = checkUnchanged(input, stats[i], length);
    if (problem.isEmpty()) {
      hashes[i] = Sha256.of(sha256.digest()).hex();
      crcs[i] = (int) crc.getValue();
    }
    return problem;
  }

  /**
   * Reads input {@code i} into {@code bytes[i]}, then stats it again: the bytes are the ones the
   * snapshot saw only if the stat taken before reading still holds after.
   */
  private Optional<Diagnostic> read(int i, FileStat[] stats, byte[][] bytes) throws IOException {
    ResolvedInput input = asset.inputs().get(i);
    try (InputStream in = context.reader().open(file(input))) {
      bytes[i] = in.readAllBytes();
    } catch (NoSuchFileException e) {
      return Optional.of(changed(shown(input), "was deleted during the build; run it again"));
    }
    return checkUnchanged(input, stats[i], bytes[i].length);
  }

  private Optional<Diagnostic> checkUnchanged(ResolvedInput input, FileStat before, long lengthRead)
      throws IOException {
    try {
      FileStat after = FileStat.of(file(input));
      if (!after.equals(before) || lengthRead != before.size()) {
        return Optional.of(changed(shown(input), "changed during the build; run it again"));
      }
      return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.of(changed(shown(input), "was deleted during the build; run it again"));
    }
  }

  private BuiltEntry entry(CachedValue value, List<BuiltInput> inputs) {
    return entry(value.rawSize(), value.stored().length, value.compression().toString(), value.rawSha256(), inputs);
  }

  private BuiltEntry entry(long rawSize, long storedSize, String compression, String sha256, List<BuiltInput> inputs) {
    return new BuiltEntry(id, declaration.name(), declaration.type(), processor.version(), rawSize, storedSize,
        compression, sha256, inputs);
  }

  private Path file(ResolvedInput input) {
    return context.root().resolve(asset.folder()).resolve(input.path());
  }

  private String shown(ResolvedInput input) {
    return asset.folder() + "/" + input.path();
  }

  private Diagnostic diagnosticOf(ProcessingException e) {
    String file = e.path()
        .map(path -> asset.folder() + "/" + path)
        .orElse(asset.folder() + "/" + DeclarationReader.FILE_NAME);
    String message = e.getMessage();
    if (e.byteOffset().isPresent() && e.line() == 0) {
      message = message + " (at byte " + e.byteOffset().getAsLong() + ")";
    }
    return Diagnostic.error(Code.PROCESSING_FAILED, file, e.line(), e.column(), message);
  }

  private static Diagnostic changed(String file, String what) {
    return Diagnostic.error(Code.INPUT_CHANGED, file, 0, 0, file + " " + what);
  }
}
