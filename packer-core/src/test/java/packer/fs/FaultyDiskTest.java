package packer.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultyDiskTest {

  @TempDir Path dir;

  @Test
  void countsEveryCallAsOneStep() throws IOException {
    FaultyDisk disk = FaultyDisk.counting();
    disk.createDirectory(dir.resolve("a"));
    disk.write(dir.resolve("a/f"), new byte[] {1});
    disk.syncDirectory(dir.resolve("a"));
    disk.move(dir.resolve("a/f"), dir.resolve("a/g"));
    disk.delete(dir.resolve("a/g"));

    assertThat(disk.steps()).isEqualTo(5);
    assertThat(disk.describe(4)).isEqualTo("move " + dir.resolve("a/f") + " -> " + dir.resolve("a/g"));
    assertThat(disk.fired()).isFalse();
  }

  @Test
  void haltsAtTheGivenStepWithoutTakingIt() throws IOException {
    FaultyDisk disk = FaultyDisk.haltingAt(2);
    disk.write(dir.resolve("first"), new byte[] {1});

    assertThatThrownBy(() -> disk.write(dir.resolve("second"), new byte[] {2}))
        .isInstanceOf(SimulatedCrash.class)
        .hasMessageContaining("step 2");
    assertThat(dir.resolve("first")).exists();
    assertThat(dir.resolve("second")).doesNotExist();
    assertThat(disk.fired()).isTrue();
  }

  @Test
  void failsOnceAtTheGivenStepThenWorksAgain() throws IOException {
    FaultyDisk disk = FaultyDisk.failingOnceAt(1, new NoSyncDisk());

    assertThatThrownBy(() -> disk.createDirectory(dir.resolve("a"))).isInstanceOf(IOException.class);
    disk.createDirectory(dir.resolve("a"));

    assertThat(dir.resolve("a")).isDirectory();
  }

  @Test
  void failsAtEveryStepFromTheGivenOne() throws IOException {
    FaultyDisk disk = FaultyDisk.failingFrom(2, new NoSyncDisk());
    disk.createDirectory(dir.resolve("a"));

    assertThatThrownBy(() -> disk.syncDirectory(dir.resolve("a"))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> disk.delete(dir.resolve("a"))).isInstanceOf(IOException.class);
    assertThat(Files.isDirectory(dir.resolve("a"))).isTrue();
    assertThat(disk.steps()).isEqualTo(3);
  }
}
