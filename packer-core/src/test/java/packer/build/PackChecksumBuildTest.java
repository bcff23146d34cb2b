package packer.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.build.cache.BuildCache;
import packer.build.cache.OutputRecord;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.pack.Pack;
import packer.processor.Processors;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * The pack's body checksum is made from each entry's CRC-32C, taken as its input was hashed or
 * recorded when the previous pack was written, and each is checked as the entry is written.
 */
class PackChecksumBuildTest {

  @TempDir Path dir;

  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private BuildResult build(Path root, InputReader reader) throws Exception {
    try (Workspace ws = Workspace.openForReading(root, Options.defaults())) {
      return new Build(Processors.builtIn(), executor, "test").withReader(reader)
          .run(ws.root(), ws.snapshot(), Build.outputOf(ws.root(), ws.snapshot()));
    }
  }

  private BuildResult build(Path root) throws Exception {
    return build(root, Files::newInputStream);
  }

  @Test
  void aRebuildAfterOneChangeCopiesTheRestWithTheirRecordedChecksumsAndEqualsAColdBuild() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    build(root);
    Files.writeString(root.resolve("assets/alpha/alpha.txt"), "three\n");

    BuildResult changed = build(root);

    assertThat(changed.copied()).isEqualTo(2);
    try (Pack pack = Pack.open(changed.pack())) {
      pack.verify(EntryCodec.decoder());
    }
    Path cold = BuildFixture.small().create(dir.resolve("cold"));
    Files.writeString(cold.resolve("assets/alpha/alpha.txt"), "three\n");
    assertThat(Files.readAllBytes(changed.pack())).isEqualTo(Files.readAllBytes(build(cold).pack()));
  }

  @Test
  void aBlobWhoseBytesAreNotThoseItWasHashedFromFailsTheWriteAndKeepsThePreviousPack() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    BuildResult first = build(root);
    byte[] before = Files.readAllBytes(first.pack());
    Path zulu = root.resolve("assets/zulu/zulu.bin");
    Files.writeString(zulu, "zulu, second take");
    // As if the file had other bytes when hashed and was rewritten after without its stat showing it.
    InputReader hashesOtherBytes = file -> file.equals(zulu)
        ? new ByteArrayInputStream("zulu, SECOND take".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        : Files.newInputStream(file);

    BuildFailedException failed =
        catchThrowableOfType(() -> build(root, hashesOtherBytes), BuildFailedException.class);

    assertThat(failed).isNotNull();
    assertThat(failed.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.INPUT_CHANGED);
    assertThat(failed.diagnostics().get(0).message())
        .isEqualTo("assets/zulu/zulu.bin changed during the build; run it again");
    assertThat(Files.readAllBytes(first.pack())).isEqualTo(before);
  }

  @Test
  void aPreviousPackWhoseEntryNoLongerHasItsRecordedChecksumIsNotCopiedFromAgain() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    BuildResult first = build(root);
    byte[] before = Files.readAllBytes(first.pack());
    Path recordFile = OutputRecord.fileFor(BuildCache.of(root), first.pack());
    OutputRecord record = OutputRecord.load(recordFile).orElseThrow();
    Map<String, Integer> damaged = new TreeMap<>(record.entryCrcs());
    damaged.put("8000000000000000", damaged.get("8000000000000000") ^ 1); // as if the pack's bytes rotted
    new OutputRecord(record.pack(), record.packSha256(), record.manifest(), record.manifestSha256(),
        record.alignment(), record.entryKeys(), damaged).save(recordFile);
    Files.writeString(root.resolve("assets/alpha/alpha.txt"), "three\n");

    BuildFailedException failed = catchThrowableOfType(() -> build(root), BuildFailedException.class);

    assertThat(failed).isNotNull();
    assertThat(failed.isConflict()).isTrue();
    assertThat(failed.diagnostics().get(0).message())
        .startsWith("game.pack no longer holds the bytes the last build wrote for Mid Ü")
        .endsWith("run the build again");
    assertThat(Files.readAllBytes(first.pack())).isEqualTo(before);
    BuildResult again = build(root);
    assertThat(again.copied()).isZero();
    try (Pack pack = Pack.open(again.pack())) {
      pack.verify(EntryCodec.decoder());
    }
  }
}
