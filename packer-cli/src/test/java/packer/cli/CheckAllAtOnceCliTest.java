package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2, point 7: {@code packer check} reports every problem of the workspace in one run. */
class CheckAllAtOnceCliTest {

  @TempDir Path dir;

  @Test
  void everyKindOfProblemIsReportedInOneRun() {
    TestWorkspace workspace = TestWorkspace.init(dir);
    List<Planted> planted = new ArrayList<>();
    planted.add(Planted.malformedJson(workspace));
    planted.add(Planted.unknownKey(workspace));
    planted.add(Planted.assetIdKey(workspace));
    planted.add(Planted.idKey(workspace));
    planted.add(Planted.unknownType(workspace));
    planted.add(Planted.missingInput(workspace));
    planted.add(Planted.dotDotInput(workspace));
    planted.add(Planted.absoluteInput(workspace));
    planted.add(Planted.linkOutOfTheFolder(workspace));
    planted.add(Planted.nestedAsset(workspace));
    planted.addAll(List.of(Planted.duplicateNames(workspace)));
    planted.addAll(List.of(Planted.caseCollision(workspace)));
    planted.add(Planted.idBoundTwice(workspace));
    planted.addAll(List.of(Planted.folderBoundTwice(workspace)));
    planted.add(Planted.conflictMarkers(workspace));

    CliResult check = workspace.run("check");

    CliResultAssert result = assertThat(check).exitsWith(ExitCode.PROBLEMS);
    for (Planted problem : planted) {
      result.reportsError(problem.file(), problem.line(), problem.column(), problem.code(), problem.parts());
    }
    long errorLines = check.outLines().stream().filter(line -> line.contains(": error[")).count();
    assertThat(errorLines).isGreaterThanOrEqualTo(planted.size());
    assertThat(check.err()).contains(errorLines + " errors");
  }

  @Test
  void diagnosticsArePrintedInFileOrder() {
    TestWorkspace workspace = TestWorkspace.init(dir);
    Planted.unknownType(workspace);
    Planted.malformedJson(workspace);
    Planted.conflictMarkers(workspace);

    List<String> files = new ArrayList<>();
    workspace.run("check").outLines().forEach(line -> files.add(line.substring(0, line.indexOf(':'))));

    assertThat(files).isSorted();
  }
}
