package packer.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import packer.fs.FileTrees;
import packer.fs.PowerLossDisk;
import packer.lock.WorkspaceLock;
import packer.scan.Sha256;
import packer.workspace.Workspace;

/**
 * The power goes at any point of a commit, losing whatever was not yet made durable: the next
 * open recovers the old or the new state; once the commit is acknowledged, the new one.
 */
@ExtendWith(SharedScenarios.class)
class PowerLossTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scenarios.Case.class)
  void everyStateAPowerLossCanLeaveDuringACommitRecoversToTheOldOrTheNewState(Scenarios.Case c, Scenarios scenarios)
      throws Exception {
    Scenario scenario = scenarios.get(c);
    Recording recording = record(scenario);
    Set<SortedMap<String, String>> seen = new HashSet<>();
    for (int crashPoint = recording.first(); crashPoint <= recording.disk().operations().size(); crashPoint++) {
      for (PowerLossDisk.LostState state : recording.disk().statesAt(crashPoint)) {
        Path root = dir.resolve("state");
        recording.disk().materialize(state, scenario.template(), root);
        if (seen.add(everything(root))) {
          String context = scenario + ", " + describe(recording, state);
          Outcome.assertOldOrNew(root, scenario.before(), scenario.after(), context);
        }
        FileTrees.delete(root);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scenarios.Case.class)
  void aPowerLossAfterTheCommitIsAcknowledgedKeepsTheNewState(Scenarios.Case c, Scenarios scenarios)
      throws Exception {
    Scenario scenario = scenarios.get(c);
    Recording recording = record(scenario);
    int acknowledged = recording.disk().operations().size();
    for (PowerLossDisk.LostState state : recording.disk().statesAt(acknowledged)) {
      Path root = dir.resolve("state");
      recording.disk().materialize(state, scenario.template(), root);
      Outcome.assertExactly(root, scenario.after(), scenario + ", " + describe(recording, state));
      FileTrees.delete(root);
    }
  }

  /** The recorded steps of the scenario; its commands start at step {@code first} (from 0). */
  private record Recording(PowerLossDisk disk, int first) {}

  private Recording record(Scenario scenario) throws Exception {
    Path root = dir.resolve("recorded");
    PowerLossDisk disk = new PowerLossDisk(root, Outcome.healthyDisk());
    int[] first = {0};
    try (Workspace workspace = scenario.open(root, disk)) {
      assertThat(scenario.perform(workspace, () -> first[0] = disk.operations().size()))
          .as("%s while recording", scenario).isNull();
    }
    assertThat(Outcome.tree(root)).as("%s while recording", scenario).isEqualTo(scenario.after().tree());
    return new Recording(disk, first[0]);
  }

  /** The state, then the steps it lost, relative to the workspace, for a failure message. */
  private static String describe(Recording recording, PowerLossDisk.LostState state) {
    List<PowerLossDisk.Op> ops = recording.disk().operations();
    StringBuilder out = new StringBuilder(state.toString());
    for (int lost : state.lost()) {
      out.append("\n  lost step ").append(lost).append(": ").append(ops.get(lost));
    }
    if (state.crashPoint() < ops.size()) {
      out.append("\n  in progress: ").append(ops.get(state.crashPoint()));
    }
    return out.toString();
  }

  /** Every file and folder of the tree, the journal included, to skip states already checked. */
  private static SortedMap<String, String> everything(Path root) throws IOException {
    SortedMap<String, String> tree = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String relative = root.relativize(path).toString();
        if (relative.equals(WorkspaceLock.LOCK_FILE) || relative.equals(WorkspaceLock.OWNER_FILE)) {
          continue;
        }
        tree.put(relative, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
            ? "<folder>" : Sha256.hex(Files.readAllBytes(path)));
      }
    }
    return tree;
  }
}
