package packer.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import packer.declaration.Declaration;
import packer.declaration.DeclarationReader;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.pack.Sha256;
import packer.processor.InputFile;
import packer.processor.ProcessingException;
import packer.processor.Processor;
import packer.processor.ProcessorInput;
import packer.scan.ResolvedInput;
import packer.snapshot.Asset;

/**
 * Reads one asset's inputs, checks they are still what the snapshot saw, and runs its processor.
 * A pure function of the files and the declaration, so any number run in parallel.
 */
final class AssetJob implements Callable<Processed> {

  private final Path root;
  private final AssetId id;
  private final Asset asset;
  private final Declaration declaration;
  private final Processor processor;

  AssetJob(Path root, AssetId id, Asset asset, Declaration declaration, Processor processor) {
    this.root = root;
    this.id = id;
    this.asset = asset;
    this.declaration = declaration;
    this.processor = processor;
  }

  @Override
  public Processed call() throws IOException {
    List<InputFile> files = new ArrayList<>();
    List<BuiltInput> inputs = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    long bytesIn = 0;
    Path folder = root.resolve(asset.folder());
    for (ResolvedInput input : asset.inputs()) {
      String shown = asset.folder() + "/" + input.path();
      Path file = folder.resolve(input.path());
      byte[] bytes;
      BasicFileAttributes after;
      try {
        bytes = Files.readAllBytes(file);
        // Stat after reading: if size and time still match the snapshot, the bytes read are the
        // ones it saw (up to the timestamp granularity; the fingerprint index will close that).
        after = Files.readAttributes(file, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        problems.add(changed(shown, "was deleted during the build; run it again"));
        continue;
      }
      if (bytes.length != input.size()
          || after.size() != input.size()
          || after.lastModifiedTime().toMillis() != input.modifiedMillis()) {
        problems.add(changed(shown, "changed during the build; run it again"));
        continue;
      }
      bytesIn += bytes.length;
      files.add(InputFile.of(input.path(), bytes));
      inputs.add(new BuiltInput(input.path(), bytes.length, Sha256.digest(bytes).hex()));
    }
    if (!problems.isEmpty()) {
      return Processed.failed(problems);
    }
    byte[] output;
    try {
      output = processor.process(ProcessorInput.of(files, declaration.params()));
    } catch (ProcessingException e) {
      return Processed.failed(List.of(diagnosticOf(e)));
    }
    BuiltEntry entry = new BuiltEntry(
        id,
        declaration.name(),
        declaration.type(),
        processor.version(),
        output.length,
        output.length,
        "none",
        Sha256.digest(output).hex(),
        inputs);
    return Processed.of(entry, output, bytesIn);
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
