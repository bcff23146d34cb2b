package packer.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.workspace.Options;
import packer.workspace.Workspace;

class BuildFailureTest {

  @TempDir Path dir;

  @Test
  void buildRefusesAWorkspaceWithErrorsReportingAllAndLeavesThePreviousPack() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    BuildResult first = BuildFixture.build(root, 2);
    byte[] pack = Files.readAllBytes(first.pack());
    byte[] manifest = Files.readAllBytes(first.manifest());
    Files.writeString(root.resolve("assets/alpha/asset.json"), "{ \"name\": ", StandardCharsets.UTF_8);
    Files.writeString(root.resolve("assets/zulu/asset.json"), "{\"name\":\"zulu\",\"type\":\"blob\",\"inputs\":[\"gone.bin\"]}");

    BuildFailedException failed = catchThrowableOfType(() -> BuildFixture.build(root, 2), BuildFailedException.class);

    assertThat(failed).isNotNull();
    assertThat(failed.diagnostics()).filteredOn(Diagnostic::isError).extracting(Diagnostic::file)
        .contains("assets/alpha/asset.json", "assets/zulu/asset.json");
    assertThat(failed.isConflict()).isFalse();
    assertThat(Files.readAllBytes(first.pack())).isEqualTo(pack);
    assertThat(Files.readAllBytes(first.manifest())).isEqualTo(manifest);
  }

  @Test
  void everyProcessingFailureIsReportedAtItsFileAndThePreviousPackIsKept() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    BuildResult first = BuildFixture.build(root, 2);
    byte[] pack = Files.readAllBytes(first.pack());
    // Same sizes as before would not matter: a fresh snapshot sees the new files.
    Files.writeString(root.resolve("assets/mid/mid.json"), "{\n  \"a\": ,\n}");
    Files.write(root.resolve("assets/alpha/alpha.txt"), new byte[] {'o', 'k', '\n', (byte) 0xff});

    BuildFailedException failed = catchThrowableOfType(() -> BuildFixture.build(root, 4), BuildFailedException.class);

    assertThat(failed).isNotNull();
    List<Diagnostic> errors = failed.diagnostics();
    assertThat(errors).extracting(Diagnostic::code).containsOnly(Code.PROCESSING_FAILED);
    assertThat(errors).extracting(Diagnostic::file)
        .containsExactly("assets/alpha/alpha.txt", "assets/mid/mid.json");
    assertThat(errors.get(1).line()).isEqualTo(2);
    assertThat(Files.readAllBytes(first.pack())).isEqualTo(pack);
    assertThat(root.resolve("build")).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void anInputChangedAfterTheSnapshotFailsTheBuildAndKeepsThePreviousPack() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    BuildResult first = BuildFixture.build(root, 2);
    byte[] pack = Files.readAllBytes(first.pack());

    try (Workspace ws = Workspace.openForReading(root, Options.defaults())) {
      Path zulu = root.resolve("assets/zulu/zulu.bin");
      FileTime seen = Files.getLastModifiedTime(zulu);
      Files.writeString(zulu, "ZULU BYTES"); // same size: only the time tells
      Files.setLastModifiedTime(zulu, FileTime.fromMillis(seen.toMillis() + 2000));
      Files.writeString(root.resolve("assets/mid/mid.json"), "{}");

      BuildFailedException failed = catchThrowableOfType(
          () -> BuildFixture.build(ws.root(), ws.snapshot(), 3), BuildFailedException.class);

      assertThat(failed).isNotNull();
      assertThat(failed.isConflict()).isTrue();
      assertThat(failed.diagnostics()).extracting(Diagnostic::format).containsExactly(
          "assets/mid/mid.json:0:0: error[input-changed]: assets/mid/mid.json changed during the build; run it again",
          "assets/zulu/zulu.bin:0:0: error[input-changed]: assets/zulu/zulu.bin changed during the build; run it again");
    }
    assertThat(Files.readAllBytes(first.pack())).isEqualTo(pack);
  }

  @Test
  void anInputDeletedAfterTheSnapshotFailsTheBuild() throws Exception {
    Path root = BuildFixture.small().create(dir.resolve("game"));
    try (Workspace ws = Workspace.openForReading(root, Options.defaults())) {
      Files.delete(root.resolve("assets/zulu/zulu.bin"));

      BuildFailedException failed = catchThrowableOfType(
          () -> BuildFixture.build(ws.root(), ws.snapshot(), 1), BuildFailedException.class);

      assertThat(failed.diagnostics()).extracting(Diagnostic::message)
          .containsExactly("assets/zulu/zulu.bin was deleted during the build; run it again");
    }
    assertThat(root.resolve("build/game.pack")).doesNotExist();
  }
}
