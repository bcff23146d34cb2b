package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2, point 4: {@code packer ls}, a table or a JSON array sorted by id with unregistered
 * assets last, filtered by type, tag and state.
 *
 * <p>The workspace is made by hand with records written by hand, so every id is known.
 */
class LsCliTest {

  static final String HERO = "f000000000000001";
  static final String VILLAIN = "0a00000000000002";
  static final String MAP = "5500000000000003";
  static final String GONE = "c000000000000004";

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    workspace.asset("assets/hero").tags("chars", "hd").input("hero.bin", "hero").create();
    workspace.bindByHand(HERO, "assets/hero");
    workspace.asset("assets/villain").tags("chars").create();
    workspace.bindByHand(VILLAIN, "assets/villain");
    workspace.asset("levels/map").type("json").input("map.json", "{}").create();
    workspace.bindByHand(MAP, "levels/map");
    workspace.bindByHand(GONE, "assets/gone");
    workspace.asset("assets/zeta").type("text").create();
    workspace.asset("assets/alpha").type("text").create();
    workspace.asset("assets/broken").type("sprite").create();
  }

  @Test
  void lsPrintsATableWithAHeaderAndOneRowPerAsset() {
    CliResult listed = workspace.run("ls");

    assertThat(listed).succeeds();
    assertThat(listed.outLines().get(0).split("\\s+")).containsExactly("ID", "STATE", "TYPE", "NAME", "FOLDER");
    assertThat(listed.outLines()).hasSize(1 + 7);
    assertThat(listed.outLines().get(1).split("\\s+"))
        .containsExactly(VILLAIN, "registered", "blob", "villain", "assets/villain");
  }

  @Test
  void lsTableAlignsItsColumns() {
    List<String> lines = workspace.run("ls").outLines();

    int folderColumn = lines.get(0).indexOf("FOLDER");
    assertThat(lines).allSatisfy(line -> assertThat(line.charAt(folderColumn - 1)).isEqualTo(' '));
    assertThat(lines.get(1).substring(folderColumn)).isEqualTo("assets/villain");
  }

  @Test
  void lsJsonListsRegisteredAssetsByIdThenUnregisteredOnesByFolder() {
    JsonNode listed = workspace.run("ls", "--json").json();

    assertThat(ids(listed)).containsExactly(VILLAIN, MAP, GONE, HERO, null, null, null);
    assertThat(field(listed, "root")).containsExactly(
        "assets/villain", "levels/map", "assets/gone", "assets/hero", "assets/alpha", "assets/broken", "assets/zeta");
  }

  @Test
  void lsJsonObjectsHoldIdNameTypeRootAndState() {
    JsonNode hero = workspace.listed("id", HERO);

    List<String> keys = new ArrayList<>();
    hero.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactlyInAnyOrder("id", "name", "type", "root", "state");
    assertThat(hero.path("name").asText()).isEqualTo("hero");
    assertThat(hero.path("type").asText()).isEqualTo("blob");
    assertThat(hero.path("state").asText()).isEqualTo("registered");
  }

  @Test
  void lsJsonShowsEveryState() {
    JsonNode listed = workspace.run("ls", "--json").json();

    assertThat(field(listed, "state")).containsExactly(
        "registered", "registered", "missing", "registered", "unregistered", "invalid", "unregistered");
  }

  @Test
  void lsFiltersByType() {
    assertThat(field(workspace.run("ls", "--json", "--type", "text").json(), "root"))
        .containsExactly("assets/alpha", "assets/zeta");
  }

  @Test
  void lsFiltersByTag() {
    assertThat(field(workspace.run("ls", "--json", "--tag", "chars").json(), "root"))
        .containsExactly("assets/villain", "assets/hero");
  }

  @Test
  void lsFiltersByState() {
    assertThat(field(workspace.run("ls", "--json", "--state", "missing").json(), "id")).containsExactly(GONE);
    assertThat(field(workspace.run("ls", "--json", "--state", "unregistered").json(), "root"))
        .containsExactly("assets/alpha", "assets/zeta");
    assertThat(field(workspace.run("ls", "--json", "--state", "invalid").json(), "root"))
        .containsExactly("assets/broken");
  }

  @Test
  void lsCombinesFilters() {
    assertThat(field(workspace.run("ls", "--json", "--tag", "chars", "--type", "blob", "--state", "registered")
        .json(), "id")).containsExactly(VILLAIN, HERO);
    assertThat(workspace.run("ls", "--json", "--tag", "hd", "--type", "text").json()).isEmpty();
  }

  @Test
  void lsTableFilteredToNothingPrintsTheHeaderAndSaysNoAssetsMatch() {
    CliResult listed = workspace.run("ls", "--tag", "nobody");

    assertThat(listed).succeeds().complained("no assets match");
    assertThat(listed.outLines()).hasSize(1);
  }

  @Test
  void lsWithAnUnknownStateIsAUsageError() {
    assertThat(workspace.run("ls", "--state", "deleted")).exitsWith(ExitCode.USAGE).complained("unknown state");
  }

  private static List<String> ids(JsonNode array) {
    return field(array, "id");
  }

  private static List<String> field(JsonNode array, String name) {
    List<String> values = new ArrayList<>();
    array.forEach(node -> values.add(node.path(name).isNull() ? null : node.path(name).asText()));
    return values;
  }
}
