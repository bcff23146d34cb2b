package packer.cli;

import static packer.cli.CliResultAssert.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2, point 7: registry problems, as a bad merge leaves them: one id bound to two folders, two
 * ids bound to one folder, records that do not parse.
 */
class RegistryCheckCliTest {

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
  }

  private CliResultAssert checkReports(Planted... planted) {
    CliResultAssert result = assertThat(workspace.run("check")).exitsWith(ExitCode.PROBLEMS);
    for (Planted problem : planted) {
      result.reportsError(problem.file(), problem.line(), problem.column(), problem.code(), problem.parts());
    }
    return result;
  }

  @Test
  void aRecordCopiedToAnotherShardPathClaimingAnExistingIdIsOneIdBoundTwice() {
    checkReports(Planted.idBoundTwice(workspace));
  }

  @Test
  void aClaimingRecordThatSortsBeforeTheTrueOneIsStillOneIdBoundTwice() {
    workspace.asset("assets/claimed").create();
    workspace.bindByHand("5500000000000001", "assets/claimed");
    workspace.asset("assets/claimer").create();
    workspace.writeRecordAt("registry/00/00000000000001.json", "5500000000000001", "assets/claimer");

    checkReports(new Planted("registry/00/00000000000001.json", 1, 1, "id-bound-twice", "5500000000000001",
        "registry/55/00000000000001.json"))
        .didNotPrint("move it there");
  }

  @Test
  void aRecordAtTheWrongPathForItsIdIsReported() {
    workspace.asset("assets/stray").create();
    workspace.writeRecordAt("registry/12/00000000000001.json", "3400000000000001", "assets/stray");

    checkReports(new Planted("registry/12/00000000000001.json", 1, 1, "bad-registry-record",
        "3400000000000001", "registry/34/00000000000001.json"));
  }

  @Test
  void twoIdsBoundToOneFolderAreReportedAtBothRecords() {
    checkReports(Planted.folderBoundTwice(workspace));
  }

  @Test
  void theSuggestedFixForTwoIdsOnOneFolderWorks() {
    Planted.folderBoundTwice(workspace);

    assertThat(workspace.run("rm", "--keep-files", "6600000000000002")).succeeds();

    assertThat(workspace.run("check")).succeeds();
  }

  @Test
  void aRecordWithGitConflictMarkersIsReported() {
    checkReports(Planted.conflictMarkers(workspace));
  }

  @Test
  void aRecordThatIsNotAnObjectWithAnIdIsReported() {
    workspace.write("registry/88/00000000000001.json", "{\"folder\":\"assets/x\"}\n");

    checkReports(new Planted("registry/88/00000000000001.json", 1, 1, "bad-registry-record", "\"id\""));
  }

  @Test
  void aRecordWithAnUnknownKeyIsReportedAtTheKey() {
    workspace.write("registry/88/00000000000001.json",
        "{\n\"folder\":\"assets/x\",\n\"id\":\"8800000000000001\",\n\"moved\":true\n}\n");

    checkReports(new Planted("registry/88/00000000000001.json", 4, 1, "bad-registry-record", "'moved'"));
  }

  @Test
  void aStrayFileInTheRegistryIsReported() {
    workspace.write("registry/notes.txt", "hello");

    checkReports(new Planted("registry/notes.txt", 0, 0, "bad-registry-record", "packer owns this folder"));
  }
}
