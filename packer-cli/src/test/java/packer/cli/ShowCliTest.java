package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 2, point 4: {@code packer show REF}, the declaration, inputs with sizes and diagnostics. */
class ShowCliTest {

  static final String HERO = "f000000000000001";

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    workspace.asset("assets/hero").name("Hero").type("image").tags("chars")
        .input("hero.bin", "12345")
        .input("sword.bin", "1234567890")
        .key("params", "{\"format\": \"rgb8\"}")
        .create();
    workspace.bindByHand(HERO, "assets/hero");
  }

  @Test
  void showPrintsTheDeclaration() {
    CliResult shown = workspace.run("show", HERO);

    assertThat(shown).succeeds()
        .printed("Hero")
        .printed("id      " + HERO)
        .printed("state   registered")
        .printed("folder  assets/hero")
        .printed("type    image")
        .printed("tags    chars")
        .printed("params  {\"format\":\"rgb8\"}");
  }

  @Test
  void showListsInputsWithTheirSizes() {
    CliResult shown = workspace.run("show", HERO);

    assertThat(shown.outLines()).anySatisfy(line -> assertThat(line.split("\\s+")).endsWith("5", "hero.bin"));
    assertThat(shown.outLines()).anySatisfy(line -> assertThat(line.split("\\s+")).endsWith("10", "sword.bin"));
  }

  @Test
  void showPrintsTheAssetsDiagnostics() {
    workspace.asset("assets/hero").name("Hero").declaredInput("hero.bin").declaredInput("shield.bin").create();

    CliResult shown = workspace.run("show", HERO);

    assertThat(shown).succeeds().reportsError("assets/hero/asset.json", 4, 26, "missing-input", "shield.bin");
  }

  @Test
  void showJsonHoldsTheDeclarationInputsWithSizesAndDiagnostics() {
    JsonNode shown = workspace.run("show", HERO, "--json").json();

    assertThat(shown.path("id").asText()).isEqualTo(HERO);
    assertThat(shown.path("name").asText()).isEqualTo("Hero");
    assertThat(shown.path("type").asText()).isEqualTo("image");
    assertThat(shown.path("root").asText()).isEqualTo("assets/hero");
    assertThat(shown.path("state").asText()).isEqualTo("registered");
    assertThat(shown.path("tags").toString()).isEqualTo("[\"chars\"]");
    assertThat(shown.path("params").path("format").asText()).isEqualTo("rgb8");
    assertThat(shown.path("declaredInputs").toString()).isEqualTo("[\"hero.bin\",\"sword.bin\"]");
    assertThat(shown.path("inputs").toString())
        .isEqualTo("[{\"path\":\"hero.bin\",\"size\":5},{\"path\":\"sword.bin\",\"size\":10}]");
    assertThat(shown.path("diagnostics").isArray()).isTrue();
    assertThat(shown.path("diagnostics")).isEmpty();
  }

  @Test
  void showJsonDiagnosticsCarryFileLineColumnSeverityCodeAndMessage() {
    workspace.asset("assets/hero").name("Hero").type("sprite").create();

    JsonNode diagnostic = workspace.run("show", HERO, "--json").json().path("diagnostics").get(0);

    assertThat(diagnostic.path("file").asText()).isEqualTo("assets/hero/asset.json");
    assertThat(diagnostic.path("line").asInt()).isEqualTo(3);
    assertThat(diagnostic.path("column").asInt()).isEqualTo(11);
    assertThat(diagnostic.path("severity").asText()).isEqualTo("error");
    assertThat(diagnostic.path("code").asText()).isEqualTo("unknown-type");
    assertThat(diagnostic.path("message").asText()).contains("sprite");
  }

  @Test
  void showOfAnUnregisteredAssetSaysHowToAdoptIt() {
    workspace.asset("assets/villain").create();

    assertThat(workspace.run("show", "villain")).succeeds()
        .printed("unregistered: packer adopt assets/villain")
        .printed("state   unregistered");
  }

  @Test
  void showOfAMissingAssetSaysItIsMissing() {
    workspace.bindByHand("c000000000000004", "assets/gone");

    assertThat(workspace.run("show", "c000000000000004")).succeeds()
        .printed("state   missing")
        .reportsError("registry/c0/00000000000004.json", 1, 1, "missing-asset");
  }

  @Test
  void showOfAnUnknownRefIsAUsageError() {
    assertThat(workspace.run("show", "nobody")).exitsWith(ExitCode.USAGE).complained("no asset matches 'nobody'");
  }
}
