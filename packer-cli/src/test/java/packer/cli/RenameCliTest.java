package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2, point 5: {@code packer rename REF NEW_NAME} changes asset.json's name and nothing else. */
class RenameCliTest {

  static final String HERO = "f000000000000001";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    workspace.asset("assets/hero").name("hero").tags("chars")
        .input("hero.bin", "hero")
        .key("params", "{\"scale\": 2}")
        .key("$schema", "\"https://example.com/asset.schema.json\"")
        .key("x-editor", "{\"color\": \"red\", \"pinned\": true}")
        .create();
    workspace.bindByHand(HERO, "assets/hero");
  }

  @Test
  void renameChangesTheNameInAssetJson() throws Exception {
    assertThat(workspace.run("rename", "hero", "knight")).succeeds().printed(HERO);

    assertThat(JSON.readTree(workspace.read("assets/hero/asset.json")).path("name").asText()).isEqualTo("knight");
  }

  @Test
  void renameKeepsEveryOtherKeyIncludingXKeys() throws Exception {
    ObjectNode before = (ObjectNode) JSON.readTree(workspace.read("assets/hero/asset.json"));

    workspace.run("rename", "hero", "knight");

    ObjectNode after = (ObjectNode) JSON.readTree(workspace.read("assets/hero/asset.json"));
    before.put("name", "knight");
    assertThat(after).isEqualTo(before);
  }

  @Test
  void renameKeepsTheId() {
    workspace.run("rename", "hero", "knight");

    assertThat(workspace.listed("id", HERO).path("name").asText()).isEqualTo("knight");
  }

  @Test
  void renameLeavesTheRegistryRecordAndTheFolderAlone() {
    String record = workspace.read(workspace.recordPath(HERO));

    workspace.run("rename", "hero", "knight");

    assertThat(workspace.read(workspace.recordPath(HERO))).isEqualTo(record);
    assertThat(workspace.read("assets/hero/hero.bin")).isEqualTo("hero");
  }

  @Test
  void renameOfAnAssetWithoutNameKeyAddsOne() throws Exception {
    workspace.asset("assets/villain").input("v.bin", "v").create();
    workspace.bindByHand("0a00000000000002", "assets/villain");

    assertThat(workspace.run("rename", "villain", "boss")).succeeds();

    JsonNode after = JSON.readTree(workspace.read("assets/villain/asset.json"));
    assertThat(after.path("name").asText()).isEqualTo("boss");
    assertThat(after.path("type").asText()).isEqualTo("blob");
    assertThat(after.path("inputs").toString()).isEqualTo("[\"v.bin\"]");
  }

  @Test
  void renameWithJsonPrintsTheRenamedAsset() {
    JsonNode renamed = workspace.run("rename", "hero", "knight", "--json").json();

    assertThat(renamed.path("id").asText()).isEqualTo(HERO);
    assertThat(renamed.path("name").asText()).isEqualTo("knight");
  }

  @Test
  void renameToANameTakenByAnotherAssetIsRefusedAndChangesNothing() {
    workspace.asset("assets/villain").name("villain").create();
    String before = workspace.read("assets/hero/asset.json");

    CliResult renamed = workspace.run("rename", "hero", "villain");

    assertThat(renamed).exitsWith(ExitCode.REFUSED).complained("taken by assets/villain");
    assertThat(workspace.read("assets/hero/asset.json")).isEqualTo(before);
  }

  @Test
  void renameToABadNameIsRefused() {
    assertThat(workspace.run("rename", "hero", " padded ")).exitsWith(ExitCode.REFUSED).complained("white space");
  }

  @Test
  void renameOfAnUnregisteredAssetIsAUsageErrorThatSaysToAdoptIt() {
    workspace.asset("assets/villain").create();

    assertThat(workspace.run("rename", "villain", "boss")).exitsWith(ExitCode.USAGE).complained("packer adopt");
  }

  @Test
  void renameOfAMissingAssetIsRefused() {
    workspace.bindByHand("c000000000000004", "assets/gone");

    assertThat(workspace.run("rename", "c000000000000004", "found")).exitsWith(ExitCode.REFUSED).complained("missing");
  }
}
