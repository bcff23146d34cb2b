package packer.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import packer.fs.FaultyDisk;
import packer.fs.FileTrees;
import packer.fs.QuietSimulatedCrashes;
import packer.fs.SimulatedCrash;
import packer.workspace.Workspace;

/** The process dies at any step of a commit: the next open recovers the old or the new state. */
@ExtendWith({SharedScenarios.class, QuietSimulatedCrashes.class})
class CrashAtEveryStepTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scenarios.Case.class)
  void aCrashAtAnyStepOfACommitRecoversToTheOldOrTheNewState(Scenarios.Case c, Scenarios scenarios)
      throws Exception {
    Scenario scenario = scenarios.get(c);
    for (int k = scenario.firstStep() + 1; k <= scenario.lastStep(); k++) {
      Path root = dir.resolve("k" + k);
      FaultyDisk disk = FaultyDisk.haltingAt(k, Outcome.healthyDisk());
      Throwable failure;
      try (Workspace workspace = scenario.open(root, disk)) {
        failure = scenario.perform(workspace, () -> { });
      }
      String context = String.format(Locale.ROOT, "%s, crash at step %d of %d (%s)",
          scenario, k, scenario.lastStep(), disk.describe(k));
      assertThat(failure).as("the command's failure; %s", context).isNotNull();
      assertThat(rootCause(failure)).as(context).isInstanceOf(SimulatedCrash.class);
      Outcome.assertOldOrNew(root, scenario.before(), scenario.after(), context);
      FileTrees.delete(root);
    }
  }

  static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
