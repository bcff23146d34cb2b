package packer.build.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintsTest {

  @TempDir Path dir;

  private static final long START = TimeUnit.SECONDS.toNanos(1_700_000_000L) + 123_456_789L;
  private static final String SHA = "ab".repeat(32);

  private static FileStat statAt(long nanos) {
    return new FileStat(10, nanos, nanos, "1:2");
  }

  @Test
  void aFileStatedWellBeforeTheBuildStartedIsTrustedNextTime() throws Exception {
    Fingerprints index = Fingerprints.empty();
    FileStat old = statAt(START - TimeUnit.SECONDS.toNanos(10) + 7);
    index.record("a/x.bin", old, SHA);
    index.save(dir.resolve("fp"), START);

    Fingerprints loaded = Fingerprints.load(dir.resolve("fp"));

    assertThat(loaded.lookup("a/x.bin", old)).contains(SHA);
    assertThat(loaded.lookup("a/x.bin", new FileStat(11, old.modifiedNanos(), old.changedNanos(), "1:2"))).isEmpty();
    assertThat(loaded.lookup("a/x.bin", new FileStat(10, old.modifiedNanos(), old.changedNanos() + 1, "1:2"))).isEmpty();
    assertThat(loaded.lookup("a/x.bin", new FileStat(10, old.modifiedNanos(), old.changedNanos(), "1:3"))).isEmpty();
  }

  @Test
  void aFileChangedInTheSameTickAsTheBuildStartedIsRacyAndNeverTrusted() throws Exception {
    Fingerprints index = Fingerprints.empty();
    FileStat racy = statAt(START - TimeUnit.MILLISECONDS.toNanos(20));
    index.record("a/x.bin", racy, SHA);
    index.save(dir.resolve("fp"), START);

    Fingerprints loaded = Fingerprints.load(dir.resolve("fp"));
    assertThat(loaded.lookup("a/x.bin", racy)).isEmpty();

    // Carried over by a later save (gc), it must not become trusted under the later reference.
    loaded.save(dir.resolve("fp"), START + TimeUnit.SECONDS.toNanos(60), java.util.Set.of("a/x.bin"));
    assertThat(Fingerprints.load(dir.resolve("fp")).lookup("a/x.bin", racy)).isEmpty();
  }

  @Test
  void anIndexIsChangedOnlyWhenAFileWasHashedOrOneItKnewWasNotLookedUp() throws Exception {
    FileStat x = statAt(START - TimeUnit.SECONDS.toNanos(10));
    FileStat y = statAt(START - TimeUnit.SECONDS.toNanos(20));
    Fingerprints index = Fingerprints.empty();
    index.record("a/x.bin", x, SHA);
    index.record("a/y.bin", y, SHA);
    index.save(dir.resolve("fp"), START);

    Fingerprints allTrusted = Fingerprints.load(dir.resolve("fp"));
    allTrusted.lookup("a/x.bin", x);
    allTrusted.lookup("a/y.bin", y);
    Fingerprints oneGone = Fingerprints.load(dir.resolve("fp"));
    oneGone.lookup("a/x.bin", x);
    Fingerprints oneHashed = Fingerprints.load(dir.resolve("fp"));
    oneHashed.lookup("a/x.bin", x);
    oneHashed.record("a/y.bin", y, SHA);

    assertThat(allTrusted.changedSinceLoad()).isFalse();
    assertThat(oneGone.changedSinceLoad()).isTrue();
    assertThat(oneHashed.changedSinceLoad()).isTrue();
    assertThat(Fingerprints.empty().changedSinceLoad()).isFalse();
  }

  @Test
  void wholeSecondTimesMeanACoarseFileSystemAndAWiderMargin() {
    long twoSecondsBefore = START - START % 1_000_000_000L - TimeUnit.SECONDS.toNanos(2);

    assertThat(statAt(twoSecondsBefore).settledBefore(START)).isFalse();
    assertThat(statAt(twoSecondsBefore + 1).settledBefore(START)).isTrue();
  }

  @Test
  void aDamagedIndexIsIgnoredWhole() throws Exception {
    Fingerprints index = Fingerprints.empty();
    FileStat old = statAt(START - TimeUnit.SECONDS.toNanos(10) + 7);
    index.record("a/x.bin", old, SHA);
    index.save(dir.resolve("fp"), START);
    String text = Files.readString(dir.resolve("fp"));
    Files.writeString(dir.resolve("fp"), text.replace(SHA, "cd".repeat(32)));

    assertThat(Fingerprints.load(dir.resolve("fp")).lookup("a/x.bin", old)).isEmpty();
    assertThat(Fingerprints.load(dir.resolve("missing")).loadedSize()).isZero();
  }
}
