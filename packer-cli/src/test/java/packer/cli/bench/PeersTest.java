package packer.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeersTest {

  @TempDir Path dir;

  private Peers peers(Path... folders) throws IOException {
    StringBuilder path = new StringBuilder();
    for (Path folder : folders) {
      path.append(path.length() == 0 ? "" : ":").append(folder);
    }
    return new Peers(path.toString(), new ChildProcess(Files.createDirectories(dir.resolve("scratch"))));
  }

  private Path program(String folder, String name, String versionLine) throws IOException {
    Path bin = Files.createDirectories(dir.resolve(folder));
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\necho '" + versionLine + "'\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void findsEachPeerOfTheChosenPartsOnThePath() throws Exception {
    Path tar = program("bin", "tar", "tar (GNU tar) 1.34");
    Path zstd = program("bin", "zstd", "zstd");
    program("bin", "bash", "bash");
    program("bin", "sync", "sync");

    Map<String, Path> found = RunCommand.peersOf(Set.of("build", "build-zstd"), peers(dir.resolve("bin")));

    assertThat(found).containsEntry("tar", tar).containsEntry("zstd", zstd).containsKeys("bash", "sync");
  }

  @Test
  void aMissingPeerIsNamedWithThePartThatNeedsItAndHowToGetIt() throws Exception {
    program("bin", "tar", "tar (GNU tar) 1.34");
    program("bin", "bash", "bash");
    program("bin", "sync", "sync");

    assertThatThrownBy(() -> RunCommand.peersOf(Set.of("build-zstd"), peers(dir.resolve("bin"))))
        .isInstanceOf(Peers.MissingPeerException.class)
        .hasMessageContaining("'zstd', which is not on the PATH")
        .hasMessageContaining("apt-get install zstd")
        .hasMessageContaining("leave 'build-zstd' out of --only");
  }

  @Test
  void aTarThatIsNotGnuTarIsRefusedBecauseTheFiguresNeedSortByName() throws Exception {
    program("bin", "tar", "bsdtar 3.6.2 - libarchive 3.6.2");
    program("bin", "sync", "sync");

    assertThatThrownBy(() -> RunCommand.peersOf(Set.of("build"), peers(dir.resolve("bin"))))
        .isInstanceOf(Peers.MissingPeerException.class)
        .hasMessageContaining("need GNU tar (for --sort=name)")
        .hasMessageContaining("bsdtar 3.6.2");
  }

  @Test
  void theFirstFolderOnThePathWins() throws Exception {
    Path first = program("first", "cat", "cat");
    program("second", "cat", "cat");
    Files.writeString(Files.createDirectories(dir.resolve("zero")).resolve("cat"), "not executable");

    assertThat(peers(dir.resolve("zero"), dir.resolve("first"), dir.resolve("second")).find("cat")).contains(first);
  }

  @Test
  void partsThatCompareWithNoProgramNeedNone() throws Exception {
    assertThat(RunCommand.peersOf(Set.of("status", "heap", "lane"), peers())).isEmpty();
  }
}
