package packer.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildDeterminismTest {

  @TempDir Path dir;

  @Test
  void oneAndFourThreadsGiveTheSameBytes() throws Exception {
    Path one = BuildFixture.small().create(dir.resolve("one"));
    Path four = BuildFixture.small().create(dir.resolve("four"));

    BuildResult single = BuildFixture.build(one, 1);
    BuildResult parallel = BuildFixture.build(four, 4);

    assertThat(Files.readAllBytes(parallel.pack())).isEqualTo(Files.readAllBytes(single.pack()));
    assertThat(Files.readAllBytes(parallel.manifest())).isEqualTo(Files.readAllBytes(single.manifest()));
    assertThat(parallel.sha256()).isEqualTo(single.sha256());
  }

  @Test
  void aCopyWrittenInReversedFileOrderGivesTheSameBytes() throws Exception {
    Path original = BuildFixture.small().create(dir.resolve("original"));
    Path copy = BuildFixture.small().reversed().create(dir.resolve("copy"));

    BuildResult first = BuildFixture.build(original, 2);
    BuildResult second = BuildFixture.build(copy, 3);

    assertThat(Files.readAllBytes(second.pack())).isEqualTo(Files.readAllBytes(first.pack()));
    assertThat(Files.readAllBytes(second.manifest())).isEqualTo(Files.readAllBytes(first.manifest()));
  }

  @Test
  void rebuildingGivesTheSameBytes() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    byte[] first = Files.readAllBytes(BuildFixture.build(root, 4).pack());
    byte[] second = Files.readAllBytes(BuildFixture.build(root, 4).pack());
    assertThat(second).isEqualTo(first);
  }
}
