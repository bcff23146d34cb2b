package packer.invariants;

import packer.fs.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import packer.invariants.Step.Action;

/**
 * Random sequences of lane commands, changes by hand and reopens, on a real workspace, keep the
 * invariants of identity, registry and names: checked after every step on the lane's view and on
 * a fresh read of the disk (see {@link LiveWorkspace} and {@link WorkspaceInvariants}).
 */
class WorkspaceInvariantsPropertyTest {

  // About 0.3 s a try, most of it waiting for the lane to stop at each reopen: 50 tries of up to
  // 30 steps take some 15 s. Raise the tries locally to search harder; edge cases are left out
  // because they are short sequences that random ones cover anyway.
  @Property(tries = 50, edgeCases = EdgeCasesMode.NONE)
  void anySequenceOfActionsKeepsTheInvariants(@ForAll("sequences") List<Step> steps) throws IOException {
    Path dir = Files.createTempDirectory("packer-invariants");
    try (LiveWorkspace workspace = LiveWorkspace.create(dir)) {
      for (Step step : steps) {
        workspace.run(step);
      }
    } finally {
      FileTrees.delete(dir);
    }
  }

  @Provide
  Arbitrary<List<Step>> sequences() {
    // Creates come first so that a shrunk sequence tends towards plain creates.
    Arbitrary<Action> actions = Arbitraries.frequency(
        Tuple.of(6, Action.CREATE),
        Tuple.of(2, Action.ADOPT_HANDMADE),
        Tuple.of(2, Action.ADOPT_UNREGISTERED),
        Tuple.of(4, Action.RENAME),
        Tuple.of(3, Action.MOVE),
        Tuple.of(3, Action.UPDATE),
        Tuple.of(2, Action.REMOVE),
        Tuple.of(2, Action.RELOCATE),
        Tuple.of(3, Action.EXTERNAL_MOVE),
        Tuple.of(2, Action.EXTERNAL_COPY),
        Tuple.of(3, Action.EXTERNAL_EDIT),
        Tuple.of(1, Action.EXTERNAL_DELETE),
        Tuple.of(2, Action.REOPEN));
    Arbitrary<Integer> index = Arbitraries.integers().between(0, 15);
    return Combinators.combine(actions, index, index, index, Arbitraries.of(false, true))
        .as(Step::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(30);
  }
}
