package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packer.cli.repro.BuildChild;
import packer.cli.repro.Built;
import packer.cli.repro.CacheCorruption;
import packer.cli.repro.SyntheticWorkspace;
import packer.cli.repro.WorkspaceCopy;

/**
 * Issue 3, RELIABILITY.md (Determinism): twin builds in child JVMs, byte-compared. Each twin is
 * {@code packer build} in a fresh JVM that differs from the control build in one thing a
 * non-deterministic build would leak into its output: the locale, the time zone, the thread count,
 * the cache's state, or the order the workspace's files were created and are listed in. Every pack
 * and manifest must equal the control's byte for byte, and the demo's pack must be the one pinned
 * in {@link DemoBuildCliTest}.
 *
 * <p>Two workspaces: the demo (14 assets, non-ASCII and mixed-case names) and a synthetic one of
 * {@value #SYNTHETIC_ASSETS} assets of every type, enough for build threads to finish out of order,
 * with names where locales and string orders disagree ({@link SyntheticWorkspace}).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TwinBuildTest {

  /** Tests run in packer-cli/. */
  private static final Path DEMO = Path.of("../examples/demo");

  private static final long SHUFFLE_SEED = 20_261_125L;

  private static final int SYNTHETIC_ASSETS = 400;

  private static final boolean TURKISH_LOCALE_INSTALLED = localeInstalled("tr_TR.utf8");

  @TempDir static Path dir;

  /** Where shuffled copies go: a file system that lists entries in creation order (tmpfs). */
  private static Path shuffledParent;

  private static Built demoControl;
  private static Map<String, List<String>> demoControlListing;
  private static Path synthetic;
  private static Built syntheticControl;
  private static Map<String, List<String>> syntheticControlListing;

  /** The control builds: default JVM, cold, in a copy made in sorted order. */
  @BeforeAll
  static void buildControls() throws IOException {
    Path demo = WorkspaceCopy.sorted(DEMO, dir.resolve("demo-control"));
    demoControlListing = WorkspaceCopy.listingOrder(demo);
    demoControl = BuildChild.in(demo).build();

    synthetic = SyntheticWorkspace.write(dir.resolve("synthetic"), SYNTHETIC_ASSETS, 7, List.of(
        DEMO.resolve("assets/sprites/hero/hero.png"), DEMO.resolve("assets/tiles/grass/grass.png"),
        DEMO.resolve("assets/ui/button/button.png"), DEMO.resolve("assets/ui/menü/café-menü.jpg")));
    Path syntheticCopy = WorkspaceCopy.sorted(synthetic, dir.resolve("synthetic-control"));
    syntheticControlListing = WorkspaceCopy.listingOrder(syntheticCopy);
    syntheticControl = BuildChild.in(syntheticCopy).build("--threads", "4");

    Path tmpfs = WorkspaceCopy.firstKeepingCreationOrder(List.of(dir, Path.of("/dev/shm")))
        .orElseThrow(() -> new AssertionError("neither " + dir + " nor /dev/shm lists folders in creation order:"
            + " a shuffled copy would be listed like a sorted one"));
    shuffledParent = Files.createTempDirectory(tmpfs, "packer-twin-build-");
  }

  @AfterAll
  static void deleteShuffledCopies() throws IOException {
    if (shuffledParent != null) {
      WorkspaceCopy.delete(shuffledParent);
    }
  }

  @Test
  void theDemoBuiltInAChildJvmIsThePinnedPack() {
    assertThat(demoControl.packSha256()).as(demoControl.output()).isEqualTo(DemoBuildCliTest.GOLDEN_SHA256);
    assertThat(new String(demoControl.manifest(), StandardCharsets.UTF_8))
        .contains("Café-Menü", "café-menü.jpg", "BossTheme")
        .doesNotContain(dir.toString());
  }

  @Test
  void demoInTheTurkishLocale() {
    assertSameDemo("Turkish locale (" + turkishHow() + ")", turkish(BuildChild.in(sortedDemoCopy("turkish"))).build());
  }

  @Test
  void demoInTheKiritimatiTimeZone() {
    assertSameDemo("time zone Pacific/Kiritimati, UTC+14 (-Duser.timezone and TZ)",
        kiritimati(BuildChild.in(sortedDemoCopy("kiritimati"))).build());
  }

  @Test
  void demoOnOneThread() {
    assertSameDemo("--threads 1", BuildChild.in(sortedDemoCopy("one-thread")).build("--threads", "1"));
  }

  @Test
  void demoOnFourThreads() {
    assertSameDemo("--threads 4", BuildChild.in(sortedDemoCopy("four-threads")).build("--threads", "4"));
  }

  @Test
  void demoBuiltAgainWithWarmState() {
    Path copy = sortedDemoCopy("warm");
    Built cold = BuildChild.in(copy).build();

    Built warm = BuildChild.in(copy).build();

    assertSameDemo("cold: the first build in a fresh copy", cold);
    assertSameDemo("warm: the second build in the same copy", warm);
  }

  @Test
  void demoBuiltOverADeliberatelyCorruptedCache() {
    Path copy = sortedDemoCopy("corrupted-cache");
    BuildChild.in(copy).build();
    List<Path> damaged = CacheCorruption.flipOneByteInEveryFile(copy);
    assumeTrue(!damaged.isEmpty(), "CORRUPTED-CACHE CASE NOT RUN: no file under " + CacheCorruption.CACHE
        + " after a build, so there is nothing to corrupt (this packer keeps no build cache yet)");

    Built rebuilt = BuildChild.in(copy).build();

    assertSameDemo("corrupted cache: one byte flipped in each of the " + damaged.size() + " files under "
        + CacheCorruption.CACHE + ", then rebuilt", rebuilt);
  }

  @Test
  void demoCopiedFileByFileInShuffledOrder() {
    Path copy = shuffledCopy(DEMO, "demo", demoControlListing);

    assertSameDemo("a copy recreated file by file in shuffled order (seed " + SHUFFLE_SEED + ") at " + copy,
        BuildChild.in(copy).build());
  }

  @Test
  void theSyntheticWorkspaceBuildsEveryAsset() {
    assertThat(syntheticControl.output()).contains(" " + SYNTHETIC_ASSETS + " entries");
  }

  @Test
  void syntheticOnOneThread() {
    Path copy = WorkspaceCopy.sorted(synthetic, dir.resolve("synthetic-one-thread"));

    assertSameBytes("synthetic, --threads 1", BuildChild.in(copy).build("--threads", "1"), syntheticControl);
  }

  @Test
  void syntheticInTheTurkishLocaleAndKiritimatiTimeZone() {
    Path copy = WorkspaceCopy.sorted(synthetic, dir.resolve("synthetic-turkish-kiritimati"));

    assertSameBytes("synthetic, Turkish locale (" + turkishHow() + ") and time zone Pacific/Kiritimati, --threads 2",
        kiritimati(turkish(BuildChild.in(copy))).build("--threads", "2"), syntheticControl);
  }

  @Test
  void syntheticCopiedFileByFileInShuffledOrder() {
    Path copy = shuffledCopy(synthetic, "synthetic", syntheticControlListing);

    assertSameBytes("synthetic, a copy recreated in shuffled order (seed " + SHUFFLE_SEED + "), --threads 3",
        BuildChild.in(copy).build("--threads", "3"), syntheticControl);
  }

  private static Path sortedDemoCopy(String name) {
    return WorkspaceCopy.sorted(DEMO, dir.resolve("demo-" + name));
  }

  /** A shuffled copy; fails unless its folders list in another order than the control's. */
  private static Path shuffledCopy(Path source, String name, Map<String, List<String>> controlListing) {
    Path copy = WorkspaceCopy.shuffled(source, shuffledParent.resolve(name), SHUFFLE_SEED);
    assertThat(WorkspaceCopy.listingOrder(copy))
        .as("the folders of the shuffled copy %s list in another order than the control's", copy)
        .isNotEqualTo(controlListing);
    return copy;
  }

  private static void assertSameDemo(String how, Built built) {
    assertSameBytes("demo, " + how, built, demoControl);
    assertThat(built.packSha256()).as("demo, %s: the pinned pack", how).isEqualTo(DemoBuildCliTest.GOLDEN_SHA256);
  }

  private static void assertSameBytes(String how, Built twin, Built control) {
    assertThat(twin.describe())
        .as("%s gave other bytes than the control build; twin said:%n%s%ncontrol said:%n%s", how, twin.output(),
            control.output())
        .isEqualTo(control.describe());
    assertThat(twin.pack()).as(how).isEqualTo(control.pack());
    assertThat(twin.manifest()).as(how).isEqualTo(control.manifest());
  }

  private static BuildChild turkish(BuildChild child) {
    BuildChild flagged = child.jvm("-Duser.language=tr", "-Duser.country=TR");
    // Without the locale installed LC_ALL stays C.UTF-8: under an unknown locale the JVM would read
    // file names as ASCII, which the launcher prevents, so no user builds that way.
    return TURKISH_LOCALE_INSTALLED ? flagged.env("LANG", "tr_TR.UTF-8").env("LC_ALL", "tr_TR.UTF-8") : flagged;
  }

  private static String turkishHow() {
    return TURKISH_LOCALE_INSTALLED
        ? "-Duser.language=tr -Duser.country=TR, LANG and LC_ALL tr_TR.UTF-8"
        : "-Duser.language=tr -Duser.country=TR; tr_TR.UTF-8 is not installed, so LC_ALL stays C.UTF-8";
  }

  private static BuildChild kiritimati(BuildChild child) {
    return child.jvm("-Duser.timezone=Pacific/Kiritimati").env("TZ", "Pacific/Kiritimati");
  }

  /** Whether {@code locale -a} lists {@code name} (as glibc spells it, e.g. tr_TR.utf8). */
  private static boolean localeInstalled(String name) {
    try {
      Process process = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
      String listed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.waitFor() == 0 && listed.lines().anyMatch(name::equalsIgnoreCase);
    } catch (IOException e) {
      return false; // No locale command: not a glibc system.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
