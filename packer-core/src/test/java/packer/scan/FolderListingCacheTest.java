package packer.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.declaration.AssetTypes;
import packer.declaration.DeclarationReader;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.workspace.Workspace;
import packer.workspace.WorkspaceConfig;

/**
 * The walk takes an unchanged folder's entries from the scan cache: whatever is created, removed,
 * renamed or replaced in a cached folder, a cached walk finds exactly what a full walk finds.
 *
 * <p>Each test walks once (saving the cache) as a read that began an hour from now, so that every
 * listing it made is old enough to trust (a folder's change time cannot be set back, so the tests
 * cannot age the folders instead); a change then shows only in the folder's own stat. Changes wait
 * for the next tick of the file system's clock, or they could keep the folder's times (the racy
 * case, which a real read, with its own start, does not trust).
 */
class FolderListingCacheTest {

  private static final String FINGERPRINT = "listing test";

  @TempDir Path dir;
  Path root;

  @BeforeEach
  void tree() throws IOException {
    Assumptions.assumeTrue(FolderKey.SUPPORTED, "this file system tells no folder's change time");
    root = Workspace.init(dir.resolve("game"), "game");
    asset("assets/a1", "a1", "**.bin");
    asset("assets/a2", "a2", "data.bin");
    asset("assets/a3", "a3", "data.bin");
    asset("assets/group/b1", "b1", "data.bin");
    write("assets/group/notes.txt", "not an asset");
  }

  @Test
  void anUnchangedTreeIsWalkedFromTheCacheWithoutRewritingIt() throws IOException, InterruptedException {
    cachedWalk();
    Object cacheFile = cacheFileKey();

    WorkspaceScanner.Result cached = cachedWalk();

    assertThat(cacheFileKey()).as("no folder listed again, so no cache written").isEqualTo(cacheFile);
    assertSameAsFullWalk(cached);
    assertThat(cached.folders()).containsOnlyKeys("assets/a1", "assets/a2", "assets/a3", "assets/group/b1");
  }

  @Test
  void aFileAddedToACachedFolderIsSeen() throws IOException, InterruptedException {
    cachedWalk();
    nextTick();
    write("assets/a1/extra.bin", "extra");

    WorkspaceScanner.Result cached = cachedWalk();

    assertSameAsFullWalk(cached);
    assertThat(cached.folders().get("assets/a1").inputs()).extracting(ResolvedInput::path)
        .containsExactly("data.bin", "extra.bin");
  }

  @Test
  void aFileRemovedFromACachedFolderIsSeen() throws IOException, InterruptedException {
    cachedWalk();
    nextTick();
    Files.delete(root.resolve("assets/a2/data.bin"));

    WorkspaceScanner.Result cached = cachedWalk();

    assertSameAsFullWalk(cached);
    assertThat(cached.folders().get("assets/a2").diagnostics()).extracting(Diagnostic::code)
        .containsExactly(Code.MISSING_INPUT);
  }

  @Test
  void aFileRenamedInACachedFolderIsSeen() throws IOException, InterruptedException {
    cachedWalk();
    nextTick();
    Files.move(root.resolve("assets/a1/data.bin"), root.resolve("assets/a1/renamed.bin"));

    WorkspaceScanner.Result cached = cachedWalk();

    assertSameAsFullWalk(cached);
    assertThat(cached.folders().get("assets/a1").inputs()).extracting(ResolvedInput::path)
        .containsExactly("renamed.bin");
  }

  @Test
  void newNestedFoldersAreSeen() throws IOException, InterruptedException {
    cachedWalk();
    nextTick();
    asset("assets/group/b2", "b2", "data.bin"); // A new asset beside a cached one.
    asset("assets/a3/inner", "inner", "data.bin"); // An asset inside an asset.
    write("assets/a1/sub/deeper.bin", "deeper"); // A new subfolder of an asset, its file an input.

    WorkspaceScanner.Result cached = cachedWalk();

    assertSameAsFullWalk(cached);
    assertThat(cached.folders()).containsKey("assets/group/b2");
    assertThat(cached.folders().get("assets/a1").inputs()).extracting(ResolvedInput::path)
        .containsExactly("data.bin", "sub/deeper.bin");
    assertThat(cached.diagnostics()).extracting(Diagnostic::code).contains(Code.NESTED_ASSET);
  }

  @Test
  void aFolderReplacedByAnotherWithTheSameTimesIsSeen() throws IOException, InterruptedException {
    cachedWalk();
    nextTick();
    Path original = root.resolve("assets/a2");
    BasicFileAttributes before = Files.readAttributes(original, BasicFileAttributes.class);
    Files.move(original, root.resolve("assets/a2-old"));
    asset("assets/a2", "a2", "other.bin");
    Files.setLastModifiedTime(original, before.lastModifiedTime());
    Files.move(root.resolve("assets/a2-old"), root.resolve("elsewhere"));
    Files.setLastModifiedTime(root.resolve("assets"), Files.getLastModifiedTime(root.resolve("elsewhere")));

    WorkspaceScanner.Result cached = cachedWalk();

    assertSameAsFullWalk(cached);
    assertThat(cached.folders().get("assets/a2").inputs()).extracting(ResolvedInput::path)
        .containsExactly("other.bin");
  }

  @Test
  void aFolderWhoseNameIsNotUtf8IsWalkedAsWithoutACache() throws IOException, InterruptedException {
    // Java cannot name such a folder: its name decodes to U+FFFD, which leads back to no entry.
    Process mkdir = new ProcessBuilder("sh", "-c", "d=\"$0/$(printf '\\377')\"; mkdir \"$d\" && printf x > \"$d/x.bin\"",
        root.resolve("assets/a1").toString()).inheritIO().start();
    Assumptions.assumeTrue(mkdir.waitFor() == 0, "no sh to make a folder whose name is not UTF-8");
    cachedWalk();

    WorkspaceScanner.Result cached = cachedWalk();

    assertSameAsFullWalk(cached);
    assertThat(cached.folders()).containsKey("assets/a1");
  }

  @Test
  void aListingIsTrustedOnlyWhenItsFolderIsOlderThanTheReadThatMadeIt() throws IOException {
    long start = ScanCache.nowNanos();
    ScanCache first = ScanCache.load(root, FINGERPRINT, start);
    first.put("some/asset.json", new StatKey(1, 1, 1), new byte[0]); // Something to save.
    first.save();
    ScanCache next = ScanCache.load(root, FINGERPRINT);
    FolderKey old = new FolderKey(start - TimeUnit.SECONDS.toNanos(10), start - TimeUnit.SECONDS.toNanos(4), 1, 2);
    FolderKey racy = new FolderKey(start - TimeUnit.SECONDS.toNanos(10), start - TimeUnit.SECONDS.toNanos(2), 1, 2);
    FolderKey replaced = new FolderKey(old.modifiedNanos(), old.changedNanos(), 1, 3);

    assertThat(next.trusts(listing(old), old)).isTrue();
    assertThat(next.trusts(listing(racy), racy)).as("changed within the racy margin of the read").isFalse();
    assertThat(next.trusts(listing(old), replaced)).as("another inode").isFalse();
    assertThat(next.trusts(null, old)).isFalse();
  }

  // --- walking

  /** A walk through the cache, as a read that began an hour from now, saving the cache after. */
  private WorkspaceScanner.Result cachedWalk() throws IOException {
    ScanCache cache = ScanCache.load(root, FINGERPRINT, ScanCache.nowNanos() + TimeUnit.HOURS.toNanos(1));
    WorkspaceScanner.Result result = scanner().scan(cache, Map.of());
    cache.save();
    return result;
  }

  private void assertSameAsFullWalk(WorkspaceScanner.Result cached) throws IOException {
    WorkspaceScanner.Result full = scanner().scan();
    assertThat(cached.folders()).isEqualTo(full.folders());
    assertThat(cached.diagnostics()).isEqualTo(full.diagnostics());
  }

  private WorkspaceScanner scanner() {
    return new WorkspaceScanner(root, WorkspaceConfig.defaults("game"),
        new FolderScanner(root, new DeclarationReader(AssetTypes.builtIn())));
  }

  private Object cacheFileKey() throws IOException {
    return Files.readAttributes(root.resolve(ScanCache.FILE), BasicFileAttributes.class).fileKey();
  }

  private static Listing listing(FolderKey key) {
    return new Listing(key, new String[] {"a"}, new byte[] {Listing.FILE});
  }

  /** Waits out the file system clock's tick (10 ms at most), so a change moves the folder's times. */
  private static void nextTick() throws InterruptedException {
    Thread.sleep(50);
  }

  // --- making the tree

  /** An asset whose one input pattern is {@code input}; a pattern's file is data.bin. */
  private void asset(String folder, String name, String input) throws IOException {
    write(folder + "/" + (input.contains("*") ? "data.bin" : input), name);
    write(folder + "/" + DeclarationReader.FILE_NAME,
        "{\"name\": \"" + name + "\", \"type\": \"blob\", \"inputs\": [\"" + input + "\"]}\n");
  }

  private void write(String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
  }
}
