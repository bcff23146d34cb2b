package packer.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.build.cache.BuildCache;
import packer.build.cache.FileStat;
import packer.build.cache.OutputRecord;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.pack.Pack;
import packer.processor.Processors;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * Issue 3: a rebuild reads only what changed, copies the rest, and never trusts a damaged cache.
 * The pack's body checksum is made from each entry's CRC-32C, taken as its input was hashed or
 * recorded when the previous pack was written, and each is checked as the entry is written.
 */
class IncrementalBuildTest {

  @TempDir Path dir;

  private final ExecutorService executor = Executors.newFixedThreadPool(3);
  private final List<Path> reads = new ArrayList<>();

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

  /** Reads through the real files, noting each path read. */
  private BuildResult build(Path root) throws Exception {
    return build(root, file -> {
      synchronized (reads) {
        reads.add(file);
      }
      return Files.newInputStream(file);
    });
  }

  /** Files written just now are racy; a build that should trust their fingerprints waits them out. */
  private static void settle() throws InterruptedException {
    Thread.sleep(250);
  }

  @Test
  void aNoOpRebuildReadsNoInputAndLeavesThePackAsItWas() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    settle();
    BuildResult first = build(root);
    byte[] bytes = Files.readAllBytes(first.pack());
    FileStat stat = FileStat.of(first.pack());
    FileStat manifestStat = FileStat.of(first.manifest());

    BuildResult again = build(root, file -> {
      throw new AssertionError("a no-op build read " + file);
    });

    assertThat(again.rewritten()).isFalse();
    assertThat(again.inputsRead()).isZero();
    assertThat(again.processed()).isZero();
    assertThat(again.cacheHits()).isEqualTo(3);
    assertThat(again.copied()).isEqualTo(3);
    assertThat(again.sha256()).isEqualTo(first.sha256());
    assertThat(FileStat.of(first.pack())).isEqualTo(stat); // same inode, same times: not rewritten
    assertThat(FileStat.of(first.manifest())).isEqualTo(manifestStat);
    assertThat(Files.readAllBytes(first.pack())).isEqualTo(bytes);
  }

  @Test
  void aNoOpRebuildWritesNoCacheFileEither() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    settle();
    build(root);
    build(root); // fingerprints now settled before the reference they are saved with
    Path cache = root.resolve(".packer/cache/build");
    java.util.Map<Path, FileStat> before = new java.util.TreeMap<>();
    try (Stream<Path> walk = Files.walk(cache)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        before.put(file, FileStat.of(file));
      }
    }

    BuildResult again = build(root);

    assertThat(again.rewritten()).isFalse();
    java.util.Map<Path, FileStat> after = new java.util.TreeMap<>();
    try (Stream<Path> walk = Files.walk(cache)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        after.put(file, FileStat.of(file));
      }
    }
    assertThat(after).isEqualTo(before).containsKey(cache.resolve("fingerprints"));
  }

  @Test
  void oneChangedAssetIsTheOnlyOneReadAndProcessedAndThePackEqualsAColdBuild() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    settle();
    build(root);
    Files.writeString(root.resolve("assets/zulu/zulu.bin"), "zulu bytes, longer now");
    reads.clear();

    BuildResult changed = build(root);

    assertThat(reads).containsExactly(root.resolve("assets/zulu/zulu.bin"));
    assertThat(changed.processed()).isEqualTo(1);
    assertThat(changed.copied()).isEqualTo(2);
    assertThat(changed.rewritten()).isTrue();
    byte[] incremental = Files.readAllBytes(changed.pack());
    assertThat(changed.sha256()).isEqualTo(sha256(incremental));
    Path cold = BuildFixture.small().create(dir.resolve("cold"));
    Files.writeString(cold.resolve("assets/zulu/zulu.bin"), "zulu bytes, longer now");
    assertThat(Files.readAllBytes(build(cold).pack())).isEqualTo(incremental);
  }

  @Test
  void aRenamedAssetKeepsItsBytesAndGetsItsNewName() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    settle();
    build(root);
    Path declaration = root.resolve("assets/zulu/asset.json");
    Files.writeString(declaration, Files.readString(declaration).replace("\"zulu\"", "\"yankee\""));

    BuildResult renamed = build(root);

    assertThat(renamed.processed()).isZero();
    assertThat(renamed.rewritten()).isTrue();
    assertThat(renamed.entries()).extracting(BuiltEntry::name).contains("yankee").doesNotContain("zulu");
  }

  @Test
  void aDamagedCacheValueIsDiscardedAndRebuiltAndThePackIsTheSameAsACold() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    BuildResult first = build(root);
    byte[] cold = Files.readAllBytes(first.pack());
    deleteTree(root.resolve("build")); // no previous pack: entries come from the cache
    List<Path> values = cacheValues(root);
    assertThat(values).hasSize(2); // alpha and mid; zulu, a blob stored raw, is its own input file
    Path damaged = values.get(1);
    byte[] bytes = Files.readAllBytes(damaged);
    bytes[bytes.length - 1] ^= 0x20;
    Files.write(damaged, bytes);

    BuildResult rebuilt = build(root);

    assertThat(rebuilt.processed()).isEqualTo(2); // the damaged one and the blob
    assertThat(rebuilt.cacheHits()).isEqualTo(1);
    assertThat(rebuilt.copied()).isZero();
    assertThat(Files.readAllBytes(rebuilt.pack())).isEqualTo(cold);
    assertThat(Files.readAllBytes(damaged)).isNotEqualTo(bytes); // rewritten whole
  }

  @Test
  void aBlobStoredRawIsNotCopiedIntoTheCacheButRebuiltFromItsInput() throws Exception {
    Path root = BuildFixture.workspace("game")
        .asset("1000000000000000", "assets/zulu", "zulu", "blob", "zulu.bin", "zulu bytes")
        .create(dir.resolve("game"));
    byte[] cold = Files.readAllBytes(build(root).pack());
    assertThat(root.resolve(".packer/cache/build/values")).doesNotExist();
    deleteTree(root.resolve("build"));

    BuildResult rebuilt = build(root);

    assertThat(rebuilt.processed()).isEqualTo(1);
    assertThat(Files.readAllBytes(rebuilt.pack())).isEqualTo(cold);
  }

  @Test
  void aTruncatedCacheValueIsARebuildToo() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    byte[] cold = Files.readAllBytes(build(root).pack());
    deleteTree(root.resolve("build"));
    for (Path value : cacheValues(root)) {
      Files.write(value, new byte[] {1, 2, 3});
    }

    BuildResult rebuilt = build(root);

    assertThat(rebuilt.processed()).isEqualTo(3);
    assertThat(Files.readAllBytes(rebuilt.pack())).isEqualTo(cold);
  }

  @Test
  void aPackChangedBehindPackersBackIsNotCopiedFrom() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    settle();
    BuildResult first = build(root);
    byte[] cold = Files.readAllBytes(first.pack());
    byte[] flipped = cold.clone();
    flipped[flipped.length - 1] ^= 1; // last data byte: only a verify would notice
    Files.write(first.pack(), flipped);

    BuildResult rebuilt = build(root);

    assertThat(rebuilt.copied()).isZero();
    assertThat(rebuilt.rewritten()).isTrue();
    assertThat(Files.readAllBytes(rebuilt.pack())).isEqualTo(cold);
  }

  @Test
  void aFileRewrittenWithTheSameSizeAndModificationTimeIsHashedAgain() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    Path zulu = root.resolve("assets/zulu/zulu.bin");
    Files.setLastModifiedTime(zulu, FileTime.fromMillis(1_500_000_000_000L));
    settle();
    build(root);
    Files.writeString(zulu, "ZULU BYTES"); // same size
    Files.setLastModifiedTime(zulu, FileTime.fromMillis(1_500_000_000_000L)); // same time
    reads.clear();

    BuildResult rebuilt = build(root);

    assertThat(reads).containsExactly(zulu);
    assertThat(rebuilt.processed()).isEqualTo(1);
    assertThat(rebuilt.entries().get(0).inputs().get(0).sha256())
        .isEqualTo(sha256("ZULU BYTES".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void inputsWrittenJustBeforeABuildAreHashedAgainByTheNext() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    // Modified "now" as the build sees it, however long the machine takes to start the build:
    // the times are the build's own clock tick, so the fingerprints it records are racy.
    FileTime justNow = FileTime.from(Instant.now().plusSeconds(2));
    try (Stream<Path> files = Files.walk(root.resolve("assets"))) {
      for (Path input : files.filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().equals("asset.json")).toList()) {
        Files.setLastModifiedTime(input, justNow);
      }
    }
    build(root);
    reads.clear();

    BuildResult again = build(root);

    assertThat(reads).hasSize(3);
    assertThat(again.processed()).isZero();
    assertThat(again.rewritten()).isFalse();
  }

  @Test
  void aFileChangedWhileTheBuildReadsItFailsTheBuild() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    Path zulu = root.resolve("assets/zulu/zulu.bin");
    AtomicInteger calls = new AtomicInteger();

    BuildFailedException failed = catchThrowableOfType(() -> build(root, file -> {
      byte[] bytes = Files.readAllBytes(file);
      if (file.equals(zulu) && calls.getAndIncrement() == 0) {
        Files.writeString(zulu, "ZULU BYTES"); // an author saves while packer reads
      }
      return new java.io.ByteArrayInputStream(bytes);
    }), BuildFailedException.class);

    assertThat(failed).isNotNull();
    assertThat(failed.isConflict()).isTrue();
    assertThat(failed.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.INPUT_CHANGED);
    assertThat(failed.diagnostics().get(0).message())
        .isEqualTo("assets/zulu/zulu.bin changed during the build; run it again");
    assertThat(root.resolve("build/game.pack")).doesNotExist();
  }

  @Test
  void aBlobChangedAfterItWasHashedFailsTheWriteAndKeepsThePreviousPack() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    Path zulu = root.resolve("assets/zulu/zulu.bin");
    BuildResult first = build(root);
    byte[] before = Files.readAllBytes(first.pack());
    Files.writeString(zulu, "zulu, second take");
    AtomicInteger done = new AtomicInteger();
    BuildProgress editsOnceAllAreHashed = new BuildProgress() {
      private int planned;

      @Override
      public void planned(int assets) {
        planned = assets;
      }

      @Override
      public void assetDone() {
        if (done.incrementAndGet() == planned) {
          try {
            Files.writeString(zulu, "zulu, third take!"); // saved after hashing, before the pack is written
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }
    };

    BuildFailedException failed = catchThrowableOfType(() -> {
      try (Workspace ws = Workspace.openForReading(root, Options.defaults())) {
        new Build(Processors.builtIn(), executor, "test").withProgress(editsOnceAllAreHashed)
            .run(ws.root(), ws.snapshot(), Build.outputOf(ws.root(), ws.snapshot()));
      }
    }, BuildFailedException.class);

    assertThat(failed).isNotNull();
    assertThat(failed.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.INPUT_CHANGED);
    assertThat(failed.diagnostics().get(0).message())
        .isEqualTo("assets/zulu/zulu.bin changed during the build; run it again");
    assertThat(Files.readAllBytes(first.pack())).isEqualTo(before);
    try (Stream<Path> files = Files.list(first.pack().getParent())) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrder("game.pack", "game.manifest.json");
    }
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

  static List<Path> cacheValues(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root.resolve(".packer/cache/build/values"))) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  static String sha256(byte[] bytes) {
    return packer.scan.Sha256.hex(bytes);
  }
}
