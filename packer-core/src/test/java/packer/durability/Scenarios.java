package packer.durability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import packer.fs.FileTrees;
import packer.id.AssetId;
import packer.lane.Command;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * The fixtures of the durability tests: a workspace of three registered assets ({@code hero},
 * {@code tree}, {@code rock}, one input each), varied where a command needs it, and one scenario
 * per command that writes.
 */
final class Scenarios {

  /** Every command that writes, and a group commit of several. */
  enum Case {
    CREATE_WITH_TWO_INPUTS,
    ADOPT,
    RENAME,
    MOVE,
    MOVE_INTO_NEW_PARENT_FOLDERS,
    UPDATE,
    REMOVE,
    REMOVE_KEEPING_FILES,
    RELOCATE,
    GROUP_COMMIT
  }

  private final Map<Case, Scenario> scenarios = new EnumMap<>(Case.class);

  private Scenarios() {}

  Scenario get(Case c) {
    return scenarios.get(c);
  }

  /** Builds every fixture under {@code dir} and runs each scenario once to learn its states. */
  static Scenarios build(Path dir) throws Exception {
    Scenarios built = new Scenarios();
    Path inputs = Files.createDirectories(dir.resolve("inputs"));
    Path gemBin = Files.write(inputs.resolve("gem.bin"), new byte[] {0, 1, 2, (byte) 0xff});
    Path gemTxt = Files.write(inputs.resolve("gem.txt"), utf8("a gem\n"));
    Path base = dir.resolve("fixtures/base");
    Ids ids = base(base, inputs);
    Path adoptable = dir.resolve("fixtures/adoptable");
    FileTrees.copy(base, adoptable);
    Files.createDirectories(adoptable.resolve("assets/stray"));
    Files.write(adoptable.resolve("assets/stray/stray.bin"), new byte[] {9, 9});
    Files.write(adoptable.resolve("assets/stray/asset.json"),
        utf8("{\n  \"name\": \"stray\",\n  \"type\": \"blob\",\n  \"inputs\": [\"stray.bin\"]\n}\n"));
    Path movedByHand = dir.resolve("fixtures/moved-by-hand");
    FileTrees.copy(base, movedByHand);
    Files.createDirectories(movedByHand.resolve("attic"));
    Files.move(movedByHand.resolve("assets/hero"), movedByHand.resolve("attic/hero"));

    Command renameRock = new Command.Rename(ids.rock, "pebble");
    byte[] updated = utf8("{\n  \"name\": \"hero\",\n  \"type\": \"blob\",\n  \"inputs\": [\"hero.bin\"],\n"
        + "  \"tags\": [\"updated\"]\n}\n");
    byte[] treeAsItIs = Files.readAllBytes(base.resolve("assets/tree/asset.json"));

    built.add(Case.CREATE_WITH_TWO_INPUTS, base, List.of(new Command.Create("assets/gem",
        Optional.of("gem"), "blob", List.of(gemBin, gemTxt), List.of("shiny"))), renameRock);
    built.add(Case.ADOPT, adoptable, List.of(new Command.Adopt("assets/stray")), renameRock);
    built.add(Case.RENAME, base, List.of(new Command.Rename(ids.hero, "hero2")), renameRock);
    built.add(Case.MOVE, base, List.of(new Command.Move(ids.hero, "assets/hero2")), renameRock);
    built.add(Case.MOVE_INTO_NEW_PARENT_FOLDERS, base,
        List.of(new Command.Move(ids.hero, "world/chars/hero")), renameRock);
    built.add(Case.UPDATE, base, List.of(new Command.Update(ids.hero, updated)), renameRock);
    built.add(Case.REMOVE, base, List.of(new Command.Remove(ids.hero, false)), renameRock);
    built.add(Case.REMOVE_KEEPING_FILES, base, List.of(new Command.Remove(ids.hero, true)), renameRock);
    built.add(Case.RELOCATE, movedByHand, List.of(new Command.Relocate(ids.hero, "attic/hero")), renameRock);
    built.scenarios.put(Case.GROUP_COMMIT, new Scenario(Case.GROUP_COMMIT.name(), base,
        Optional.of(new Command.Update(ids.tree, treeAsItIs)),
        List.of(
            new Command.Create("assets/gem", Optional.empty(), "blob", List.of(gemBin), List.of()),
            new Command.Rename(ids.hero, "hero2"),
            new Command.Move(ids.tree, "world/props/tree"),
            new Command.Remove(ids.rock, false)),
        new Command.Rename(ids.tree, "oak")));

    for (Case c : Case.values()) {
      built.scenarios.get(c).prepare(Files.createDirectories(dir.resolve("expected/" + c.name())));
    }
    return built;
  }

  private void add(Case c, Path template, List<Command> commands, Command next) {
    scenarios.put(c, new Scenario(c.name(), template, Optional.empty(), commands, next));
  }

  private record Ids(AssetId hero, AssetId tree, AssetId rock) {}

  private static Ids base(Path root, Path inputs) throws Exception {
    Workspace.init(root, "game");
    Path hero = Files.write(inputs.resolve("hero.bin"), new byte[] {1, 2, 3});
    Path tree = Files.write(inputs.resolve("tree.txt"), utf8("a tree\n"));
    Path rock = Files.write(inputs.resolve("rock.bin"), new byte[] {4, 5});
    Options options = Options.defaults().withRandom(new Random(1));
    try (Workspace workspace = Workspace.openForWriting(root, options, "fixture")) {
      return new Ids(
          create(workspace, "assets/hero", "blob", hero),
          create(workspace, "assets/tree", "text", tree),
          create(workspace, "assets/rock", "blob", rock));
    }
  }

  private static AssetId create(Workspace workspace, String folder, String type, Path input) throws IOException {
    try {
      return workspace.execute(new Command.Create(folder, Optional.empty(), type, List.of(input), List.of())).id();
    } catch (packer.lane.CommandRejected e) {
      throw new IllegalStateException("fixture: " + e.getMessage(), e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
