package packer.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.declaration.AssetTypes;
import packer.declaration.DeclarationReader;
import packer.id.AssetId;
import packer.registry.RegistryReader;
import packer.registry.RegistryRecord;
import packer.scan.FolderScanner;
import packer.scan.ScanCache;
import packer.scan.WorkspaceScanner;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;
import packer.snapshot.WorkspaceState;

/**
 * A read through the scan cache gives exactly what a full read of the same tree gives, whatever
 * changed in between: each test reads once (saving the cache), changes the tree, then compares a
 * cached read with a full one.
 *
 * <p>Files are made to look old (their times set an hour back) before the first read, so the cache
 * trusts them and the second read really takes them from it; a changed file gets an old time of
 * its own, so only its stat tells it changed, unless the test is about a change that is "racy":
 * made within the same clock tick as the cached stat.
 */
class ScanCacheTest {

  private static final AssetTypes TYPES = AssetTypes.builtIn();

  @TempDir Path dir;
  Path root;
  Instant old = Instant.now().minusSeconds(3600);

  @BeforeEach
  void setUp() throws IOException {
    root = Workspace.init(dir.resolve("game"), "game");
    for (int i = 1; i <= 5; i++) {
      asset("assets/a" + i, "a" + i, "data.bin", "data" + i);
      bind(id(i), "assets/a" + i);
    }
    settle();
  }

  @Test
  void theSecondReadTakesUnchangedFilesFromTheCache() throws IOException {
    cachedRead();
    Path declaration = root.resolve("assets/a1/asset.json");
    FileTime time = Files.getLastModifiedTime(declaration);
    // Same size, same time, same file: a change no stat can see, so the cache still has the old name.
    overwriteInPlace(declaration, declarationText("b1", "data.bin"));
    Files.setLastModifiedTime(declaration, time);

    assertThat(cachedSnapshot().byFolder("assets/a1").orElseThrow().name()).contains("a1");
    assertThat(fullSnapshot().byFolder("assets/a1").orElseThrow().name()).contains("b1");
  }

  @Test
  void aSameSizeEditInTheSameTickAsTheCachedStatIsSeen() throws IOException {
    Path declaration = root.resolve("assets/a1/asset.json");
    Files.writeString(declaration, declarationText("a1", "data.bin"), StandardCharsets.UTF_8);
    FileTime time = Files.getLastModifiedTime(declaration); // Now: as new as the read that caches it.
    cachedRead();
    overwriteInPlace(declaration, declarationText("b1", "data.bin"));
    Files.setLastModifiedTime(declaration, time); // The same tick: size and time unchanged.

    assertThat(cachedSnapshot().byFolder("assets/a1").orElseThrow().name()).contains("b1");
    assertCachedEqualsFull();
  }

  @Test
  void aSameSizeEditWithANewTimeIsSeen() throws IOException {
    cachedRead();
    overwriteInPlace(root.resolve("assets/a2/asset.json"), declarationText("b2", "data.bin"));
    settle();
    assertCachedEqualsFull();
    assertThat(cachedSnapshot().byFolder("assets/a2").orElseThrow().name()).contains("b2");
  }

  @Test
  void aNewFolderIsSeen() throws IOException {
    cachedRead();
    asset("assets/new", "new", "data.bin", "fresh");
    settle();
    assertCachedEqualsFull();
    assertThat(cachedSnapshot().byFolder("assets/new").orElseThrow().state()).isEqualTo(AssetState.UNREGISTERED);
  }

  @Test
  void aDeletedFolderIsSeen() throws IOException {
    cachedRead();
    deleteTree(root.resolve("assets/a3"));
    settle();
    assertCachedEqualsFull();
    assertThat(cachedSnapshot().byFolder("assets/a3").orElseThrow().state()).isEqualTo(AssetState.MISSING);
  }

  @Test
  void aMovedFolderIsSeen() throws IOException {
    cachedRead();
    Files.createDirectories(root.resolve("moved"));
    Files.move(root.resolve("assets/a4"), root.resolve("moved/a4"));
    settle();
    assertCachedEqualsFull();
    Snapshot snapshot = cachedSnapshot();
    assertThat(snapshot.byFolder("assets/a4").orElseThrow().state()).isEqualTo(AssetState.MISSING);
    assertThat(snapshot.byFolder("moved/a4").orElseThrow().state()).isEqualTo(AssetState.UNREGISTERED);
  }

  @Test
  void registryRecordsAddedRemovedAndRewrittenAsByGitCheckoutAreSeen() throws IOException {
    asset("assets/b1", "b1", "data.bin", "b");
    settle();
    cachedRead();
    bind(id(6), "assets/b1"); // Added.
    Files.delete(root.resolve(RegistryRecord.pathOf(id(5)))); // Removed.
    // Rewritten the way git checkout does: a new file renamed over the old one, same size.
    Path record = root.resolve(RegistryRecord.pathOf(id(2)));
    Path temp = record.resolveSibling("checkout.tmp");
    Files.write(temp, new RegistryRecord.Bound(id(2), "assets/a9").toJson());
    Files.move(temp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    settle();

    assertCachedEqualsFull();
    Snapshot snapshot = cachedSnapshot();
    assertThat(snapshot.byId(id(6)).orElseThrow().state()).isEqualTo(AssetState.REGISTERED);
    assertThat(snapshot.byId(id(5))).isEmpty();
    assertThat(snapshot.byId(id(2)).orElseThrow().folder()).isEqualTo("assets/a9");
  }

  @Test
  void aRegistryRecordEditedInPlaceIsSeen() throws IOException {
    cachedRead();
    overwriteInPlace(root.resolve(RegistryRecord.pathOf(id(3))),
        new String(new RegistryRecord.Bound(id(3), "assets/b3").toJson(), StandardCharsets.UTF_8));
    settle();
    assertCachedEqualsFull();
    assertThat(cachedSnapshot().byId(id(3)).orElseThrow().state()).isEqualTo(AssetState.MISSING);
  }

  @Test
  void inputsAddedRemovedAndResizedAreSeen() throws IOException {
    cachedRead();
    Files.writeString(root.resolve("assets/a1/data.bin"), "a longer content than before", StandardCharsets.UTF_8);
    Files.delete(root.resolve("assets/a2/data.bin"));
    Files.writeString(root.resolve("assets/a3/extra.bin"), "extra", StandardCharsets.UTF_8);
    Files.writeString(root.resolve("assets/a3/asset.json"), declarationText("a3", "*.bin"), StandardCharsets.UTF_8);
    settle();

    assertCachedEqualsFull();
    Snapshot snapshot = cachedSnapshot();
    assertThat(snapshot.byFolder("assets/a1").orElseThrow().inputs().get(0).size()).isEqualTo(28);
    assertThat(snapshot.byFolder("assets/a2").orElseThrow().state()).isEqualTo(AssetState.INVALID);
    assertThat(snapshot.byFolder("assets/a3").orElseThrow().inputs()).hasSize(2);
  }

  @Test
  void aMalformedDeclarationIsCachedWithItsDiagnostics() throws IOException {
    Files.writeString(root.resolve("assets/a1/asset.json"), "{\"name\": \"a1\", \"typo\": 1,\n", StandardCharsets.UTF_8);
    Files.writeString(root.resolve("assets/a2/asset.json"), "{\"name\": \"a2\", \"type\": \"blob\", \"typo\": 1}",
        StandardCharsets.UTF_8);
    Files.writeString(root.resolve(RegistryRecord.pathOf(id(4))), "<<<<<<< HEAD\n", StandardCharsets.UTF_8);
    settle();
    cachedRead();
    assertCachedEqualsFull();
    assertThat(cachedSnapshot().diagnostics()).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void aCorruptCacheIsIgnored() throws IOException {
    cachedRead();
    Path cache = root.resolve(ScanCache.FILE);
    byte[] bytes = Files.readAllBytes(cache);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(cache, bytes);
    forgeNameChange();
    assertCachedEqualsFull();
  }

  @Test
  void aTruncatedCacheIsIgnored() throws IOException {
    cachedRead();
    Path cache = root.resolve(ScanCache.FILE);
    try (RandomAccessFile file = new RandomAccessFile(cache.toFile(), "rw")) {
      file.setLength(file.length() / 3);
    }
    forgeNameChange();
    assertCachedEqualsFull();
  }

  @Test
  void aCacheOfAnotherFormatIsIgnored() throws IOException {
    cachedRead();
    Path cache = root.resolve(ScanCache.FILE);
    byte[] bytes = Files.readAllBytes(cache);
    ByteBuffer.wrap(bytes).putInt(8, 0); // The format number, after the 8-byte magic.
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue()); // Still a well-formed file.
    Files.write(cache, bytes);
    forgeNameChange();
    assertCachedEqualsFull();
  }

  @Test
  void aCacheMadeWithOtherAssetTypesIsIgnored() throws IOException {
    new StateReader(root, new DeclarationReader(AssetTypes.of(List.of("blob"))), AssetTypes.of(List.of("blob"))).read();
    forgeNameChange();
    assertCachedEqualsFull();
  }

  @Test
  void aCacheCopiedWithTheWorkspaceToAnotherPathIsIgnored() throws IOException {
    cachedRead();
    Path copy = dir.resolve("copy");
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = copy.resolve(root.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    root = copy;
    forgeNameChange();
    assertCachedEqualsFull();
  }

  @Test
  void aCacheThatCannotBeWrittenFailsNothing() throws IOException {
    Files.createDirectories(root.resolve(".packer"));
    Files.writeString(root.resolve(".packer/cache"), "not a folder", StandardCharsets.UTF_8);
    assertThat(cachedSnapshot().assets()).hasSize(5);
    assertCachedEqualsFull();
  }

  @Test
  void aReaderKeepsItsCacheFromOneReadToTheNext() throws IOException {
    StateReader reader = new StateReader(root, new DeclarationReader(TYPES), TYPES);
    reader.read();
    asset("assets/late", "late", "data.bin", "late");
    Files.delete(root.resolve(ScanCache.FILE)); // Only the in-memory cache is left.
    settle();
    WorkspaceState state = reader.read();
    assertSameState(state, fullRead());
  }

  @Test
  void everyKeyOfADeclarationComesBackFromTheCache() throws IOException {
    Files.writeString(root.resolve("assets/a1/asset.json"),
        "{\"name\": \"a1\", \"type\": \"blob\", \"inputs\": [\"data.bin\"], \"tags\": [\"ui\"],"
            + " \"compression\": \"zstd\"}",
        StandardCharsets.UTF_8);
    settle();
    cachedRead();

    assertCachedEqualsFull();
    assertThat(cachedSnapshot().byFolder("assets/a1").orElseThrow().declaration().orElseThrow().compression())
        .contains("zstd");
  }

  // --- the two ways to read, and their comparison

  private void cachedRead() throws IOException {
    new StateReader(root, new DeclarationReader(TYPES), TYPES).read();
  }

  private Snapshot cachedSnapshot() throws IOException {
    return Snapshot.of(1, new StateReader(root, new DeclarationReader(TYPES), TYPES).read());
  }

  private Snapshot fullSnapshot() throws IOException {
    return Snapshot.of(1, fullRead());
  }

  /** The workspace read file by file, with no cache at all. */
  private WorkspaceState fullRead() throws IOException {
    WorkspaceConfig.Parsed config = WorkspaceConfig.parse(Files.readAllBytes(root.resolve(WorkspaceConfig.FILE_NAME)),
        root.getFileName().toString());
    RegistryReader.Scan registry = new RegistryReader().read(root);
    WorkspaceScanner.Result scan =
        new WorkspaceScanner(root, config.config(), new FolderScanner(root, new DeclarationReader(TYPES))).scan();
    List<packer.diagnostic.Diagnostic> problems = new java.util.ArrayList<>(config.diagnostics());
    problems.addAll(registry.diagnostics());
    problems.addAll(scan.diagnostics());
    return new WorkspaceState(config.config(), registry.registry(),
        WorkspaceState.emptyFolders().plusAll(scan.folders()), problems);
  }

  private void assertCachedEqualsFull() throws IOException {
    WorkspaceState cached = new StateReader(root, new DeclarationReader(TYPES), TYPES).read();
    assertSameState(cached, fullRead());
  }

  private static void assertSameState(WorkspaceState cached, WorkspaceState full) {
    assertThat(cached.config()).isEqualTo(full.config());
    assertThat(cached.registry().records()).isEqualTo(full.registry().records());
    assertThat(cached.folders()).isEqualTo(full.folders());
    assertThat(cached.sourceDiagnostics()).isEqualTo(full.sourceDiagnostics());
    Snapshot a = Snapshot.of(1, cached);
    Snapshot b = Snapshot.of(1, full);
    assertThat(a.assets()).isEqualTo(b.assets());
    assertThat(a.diagnostics()).isEqualTo(b.diagnostics());
  }

  // --- making and changing the tree

  /** A change of a1's name that keeps size, time and file: seen only by a read that is not cached. */
  private void forgeNameChange() throws IOException {
    Path declaration = root.resolve("assets/a1/asset.json");
    FileTime time = Files.getLastModifiedTime(declaration);
    overwriteInPlace(declaration, declarationText("z1", "data.bin"));
    Files.setLastModifiedTime(declaration, time);
    assertThat(fullSnapshot().byFolder("assets/a1").map(Asset::name).orElseThrow()).contains("z1");
  }

  private static AssetId id(int n) {
    return new AssetId(0x1000 + n);
  }

  private void asset(String folder, String name, String input, String content) throws IOException {
    Path path = Files.createDirectories(root.resolve(folder));
    Files.writeString(path.resolve(input), content, StandardCharsets.UTF_8);
    Files.writeString(path.resolve("asset.json"), declarationText(name, input), StandardCharsets.UTF_8);
  }

  private static String declarationText(String name, String input) {
    return "{\"name\": \"" + name + "\", \"type\": \"blob\", \"inputs\": [\"" + input + "\"]}\n";
  }

  private void bind(AssetId id, String folder) throws IOException {
    Path record = root.resolve(RegistryRecord.pathOf(id));
    Files.createDirectories(record.getParent());
    Files.write(record, new RegistryRecord.Bound(id, folder).toJson());
  }

  private static void overwriteInPlace(Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.length).as("an edit that keeps the size").isEqualTo(Files.size(file));
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.seek(0);
      out.write(bytes);
    }
  }

  /** Gives every file and folder changed in the last ten minutes an old time of its own. */
  private void settle() throws IOException {
    old = old.plusSeconds(60);
    Instant recent = Instant.now().minusSeconds(600);
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (!path.startsWith(root.resolve(".packer")) && Files.getLastModifiedTime(path).toInstant().isAfter(recent)) {
          Files.setLastModifiedTime(path, FileTime.from(old));
        }
      }
    }
  }

  private static void deleteTree(Path top) throws IOException {
    try (Stream<Path> paths = Files.walk(top)) {
      for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
