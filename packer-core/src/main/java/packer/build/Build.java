package packer.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import packer.declaration.Declaration;
import packer.declaration.DeclarationReader;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.pack.Compression;
import packer.pack.Pack;
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
 * of the registry, the declarations, the input bytes and the packer version alone.
 *
 * <p><b>Safety.</b> A workspace with errors is refused before anything is read. Every input is
 * checked, after it is read, against the size and modification time the snapshot saw; a
 * processing failure or a changed input fails the whole build with every diagnostic, and nothing
 * is written. The pack and the manifest are each written to a temp file, forced, and renamed into
 * place.
 */
public final class Build {

  private final Processors processors;
  private final ExecutorService executor;
  private final String packerVersion;

  /**
   * @param executor runs the per-asset work; the build waits for its tasks but never shuts it down
   * @param packerVersion recorded in the manifest
   */
  public Build(Processors processors, ExecutorService executor, String packerVersion) {
    this.processors = Objects.requireNonNull(processors, "processors");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.packerVersion = Objects.requireNonNull(packerVersion, "packerVersion");
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
    if (snapshot.hasErrors()) {
      throw new BuildFailedException(snapshot.diagnostics());
    }
    WorkspaceConfig config = snapshot.state().config();
    List<Future<Processed>> futures = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    try {
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
        futures.add(executor.submit(
            new AssetJob(root, planned.getKey(), asset, declaration, processor.get())));
      }
      List<Processed> results = new ArrayList<>();
      for (Future<Processed> future : futures) {
        Processed processed = await(future);
        problems.addAll(processed.problems());
        results.add(processed);
      }
      if (!problems.isEmpty()) {
        throw new BuildFailedException(problems);
      }
      return write(config, results, outputFolder);
    } finally {
      for (Future<Processed> future : futures) {
        future.cancel(true);
      }
    }
  }

  private BuildResult write(WorkspaceConfig config, List<Processed> results, Path outputFolder)
      throws IOException {
    PackWriter writer = new PackWriter(config.alignment());
    List<BuiltEntry> entries = new ArrayList<>();
    long bytesIn = 0;
    for (Processed processed : results) {
      BuiltEntry entry = processed.entry();
      writer.add(entry.id().value(), entry.type(), entry.name(), Compression.NONE, entry.rawSize(),
          Sha256.parse(entry.sha256()), StoredBytes.of(processed.bytes()));
      entries.add(entry);
      bytesIn += processed.bytesIn();
    }
    Files.createDirectories(outputFolder);
    Path pack = outputFolder.resolve(config.name() + ".pack");
    Path manifest = outputFolder.resolve(config.name() + ".manifest.json");
    long size = writer.writeAtomically(pack);
    String sha256 = hashOf(pack);
    int major;
    int minor;
    try (Pack written = Pack.open(pack)) {
      major = written.majorVersion();
      minor = written.minorVersion();
    }
    Manifest.writeAtomically(manifest, Manifest.render(
        config.name(), packerVersion, major, minor, config.alignment(), sha256, entries));
    return new BuildResult(pack, manifest, sha256, entries, bytesIn, size);
  }

  private static Processed await(Future<Processed> future) throws IOException {
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

  private static String hashOf(Path file) throws IOException {
    MessageDigest digest = packer.scan.Sha256.newDigest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
