package packer.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import packer.fs.FaultyDisk;
import packer.fs.FileTrees;
import packer.fs.QuietSimulatedCrashes;
import packer.fs.SimulatedCrash;
import packer.journal.IntentJournal;
import packer.workspace.Workspace;

/** The process dies during a commit, then again while recovering it: the third open still recovers. */
@ExtendWith({SharedScenarios.class, QuietSimulatedCrashes.class})
class CrashDuringRecoveryTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scenarios.Case.class)
  void aCrashDuringRecoveryIsRecoveredByTheNextOpenToTheOldOrTheNewState(Scenarios.Case c, Scenarios scenarios)
      throws Exception {
    Scenario scenario = scenarios.get(c);
    for (int k = scenario.firstStep() + 1; k <= scenario.lastStep(); k++) {
      Path crashed = dir.resolve("k" + k);
      try (Workspace workspace = scenario.open(crashed, FaultyDisk.haltingAt(k, Outcome.healthyDisk()))) {
        assertThat(scenario.perform(workspace, () -> { })).isNotNull();
      }
      for (int j : spreadOver(recoverySteps(crashed, dir.resolve("k" + k + "-count")))) {
        Path root = dir.resolve("k" + k + "-j" + j);
        FileTrees.copy(crashed, root);
        FaultyDisk disk = FaultyDisk.haltingAt(j, Outcome.healthyDisk());
        String context = String.format(Locale.ROOT, "%s, crash at step %d of the commit, then at step %d of recovery",
            scenario, k, j);
        Throwable crash =
            catchThrowable(() -> Workspace.openForWriting(root, Outcome.options(disk), "crashing recovery"));
        assertThat(crash).as("the recovery's crash; %s", context).isInstanceOf(SimulatedCrash.class);
        Outcome.assertOldOrNew(root, scenario.before(), scenario.after(), context + " (" + disk.describe(j) + ")");
        FileTrees.delete(root);
      }
      FileTrees.delete(crashed);
    }
  }

  /** How many steps recovering a copy of {@code crashed} takes. */
  private static int recoverySteps(Path crashed, Path copy) throws Exception {
    FileTrees.copy(crashed, copy);
    FaultyDisk counting = FaultyDisk.counting(Outcome.healthyDisk());
    new IntentJournal(counting, copy).recover();
    FileTrees.delete(copy);
    return counting.steps();
  }

  /** The first and the last step of recovery and two between: in apply, and in retire. */
  private static SortedSet<Integer> spreadOver(int steps) {
    SortedSet<Integer> spread = new TreeSet<>();
    for (int j : new int[] {1, steps / 3, 2 * steps / 3, steps}) {
      if (j >= 1 && j <= steps) {
        spread.add(j);
      }
    }
    return spread;
  }
}
