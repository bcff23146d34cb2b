package packer.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import packer.fs.FaultyDisk;
import packer.fs.FileTrees;
import packer.snapshot.Snapshot;
import packer.workspace.Workspace;

/**
 * An I/O error at any step of a commit fails the command cleanly: the workspace is in the old or
 * the new state, and the lane either goes on (a passing error) or refuses cleanly until reopened.
 */
@ExtendWith(SharedScenarios.class)
class IoErrorAtEveryStepTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scenarios.Case.class)
  void anIoErrorAtAnyStepFailsTheCommandAndTheLaneGoesOnFromTheOldOrTheNewState(
      Scenarios.Case c, Scenarios scenarios) throws Exception {
    Scenario scenario = scenarios.get(c);
    for (int k = scenario.firstStep() + 1; k <= scenario.lastStep(); k++) {
      Path root = dir.resolve("k" + k);
      FaultyDisk disk = FaultyDisk.failingOnceAt(k, Outcome.healthyDisk());
      String context = String.format(Locale.ROOT, "%s, I/O error at step %d of %d", scenario, k, scenario.lastStep());
      try (Workspace workspace = scenario.open(root, disk)) {
        Throwable failure = scenario.perform(workspace, () -> { });
        assertThat(failure).as("the command's failure; %s", context)
            .isInstanceOf(IOException.class).hasMessageContaining("injected I/O error at step " + k);
        workspace.execute(scenario.next()); // Runs after the lane has recovered from the failure.
        assertThat(Outcome.describe(workspace.snapshot()))
            .as("the lane's view after recovery and the next command; %s", context)
            .isEqualTo(Outcome.describe(readOnly(root)));
      }
      Outcome.assertOldOrNew(root, scenario.beforeNext(), scenario.afterNext(),
          context + " (" + disk.describe(k) + "), then " + scenario.next());
      FileTrees.delete(root);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scenarios.Case.class)
  void aPersistentIoErrorFailsEveryLaterCommandAndReopeningRecoversTheOldOrTheNewState(
      Scenarios.Case c, Scenarios scenarios) throws Exception {
    Scenario scenario = scenarios.get(c);
    for (int k = scenario.firstStep() + 1; k <= scenario.lastStep(); k++) {
      Path root = dir.resolve("k" + k);
      FaultyDisk disk = FaultyDisk.failingFrom(k, Outcome.healthyDisk());
      String context =
          String.format(Locale.ROOT, "%s, I/O errors from step %d of %d", scenario, k, scenario.lastStep());
      try (Workspace workspace = scenario.open(root, disk)) {
        Throwable failure = scenario.perform(workspace, () -> { });
        assertThat(failure).as("the command's failure; %s", context)
            .isInstanceOf(IOException.class).hasMessageContaining("injected persistent I/O error at step " + k);
        assertThatThrownBy(() -> workspace.execute(scenario.next()))
            .as("the next command; %s", context)
            .isInstanceOf(IOException.class);
      }
      Outcome.assertOldOrNew(root, scenario.before(), scenario.after(), context + " (" + disk.describe(k) + ")");
      FileTrees.delete(root);
    }
  }

  private static Snapshot readOnly(Path root) throws Exception {
    try (Workspace reader = Workspace.openForReading(root, Outcome.options(Outcome.healthyDisk()))) {
      return reader.snapshot();
    }
  }
}
