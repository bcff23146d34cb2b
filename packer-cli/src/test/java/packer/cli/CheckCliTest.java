package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 2, point 7: {@code packer check} prints each problem of an asset folder as
 * {@code path:line:col: error[code]: message} and exits 1. Registry problems are in
 * {@link RegistryCheckCliTest}, everything at once in {@link CheckAllAtOnceCliTest}.
 */
class CheckCliTest {

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
  }

  private CliResultAssert checkReports(Planted... planted) {
    CliResult check = workspace.run("check");
    CliResultAssert result = assertThat(check).exitsWith(ExitCode.PROBLEMS);
    for (Planted problem : planted) {
      result.reportsError(problem.file(), problem.line(), problem.column(), problem.code(), problem.parts());
    }
    return result;
  }

  @Test
  void aCleanWorkspaceExitsZero() {
    workspace.newAsset("assets/hero");
    workspace.asset("assets/villain").input("villain.bin", "v").create();
    workspace.adopt("assets/villain");

    CliResult check = workspace.run("check");

    assertThat(check).succeeds().complained("0 errors, 0 warnings");
    assertThat(check.out()).isEmpty();
  }

  @Test
  void malformedJsonIsReportedAtItsRealLineAndColumn() {
    checkReports(Planted.malformedJson(workspace));
  }

  @Test
  void malformedJsonAtTheEndOfTheFileIsReportedOnTheLastLine() {
    workspace.asset("assets/cut").json("{\n  \"type\": \"blob\",\n  \"name\": \"cut").create();

    CliResult check = workspace.run("check");

    assertThat(check).exitsWith(ExitCode.PROBLEMS);
    assertThat(check.outLines()).anySatisfy(line -> assertThat(line).startsWith("assets/cut/asset.json:3:"));
    assertThat(check.out()).contains("error[json-syntax]");
  }

  @Test
  void anUnknownKeyIsReportedAtTheKey() {
    checkReports(Planted.unknownKey(workspace));
  }

  @Test
  void xKeysAreKeptForTheUsersOwnTools() {
    workspace.asset("assets/hero").key("x-editor", "{\"zoom\": 3}").key("$schema", "\"asset.schema.json\"").create();

    assertThat(workspace.run("check")).succeeds().doesNotReport("unknown-key");
  }

  @Test
  void assetIdInAssetJsonIsRejectedSayingIdentityLivesInTheRegistry() {
    checkReports(Planted.assetIdKey(workspace));
  }

  @Test
  void idInAssetJsonIsRejectedSayingIdentityLivesInTheRegistry() {
    checkReports(Planted.idKey(workspace));
  }

  @Test
  void anUnknownTypeIsReportedAtTheTypeListingTheKnownOnes() {
    checkReports(Planted.unknownType(workspace));
  }

  @Test
  void aMissingTypeIsReported() {
    workspace.asset("assets/untyped").type(null).name("untyped").create();

    assertThat(workspace.run("check")).exitsWith(ExitCode.PROBLEMS)
        .reportsError("assets/untyped/asset.json", 1, 1, "missing-key", "'type'");
  }

  @Test
  void aMissingInputIsReportedAtItsEntry() {
    checkReports(Planted.missingInput(workspace));
  }

  @Test
  void aGlobThatMatchesNothingIsAMissingInput() {
    workspace.asset("assets/glob").declaredInput("*.png").file("a.txt", "text").create();

    assertThat(workspace.run("check")).exitsWith(ExitCode.PROBLEMS)
        .reportsError("assets/glob/asset.json", 3, 14, "missing-input", "'*.png'");
  }

  @Test
  void anInputWithDotDotIsAnEscapingInput() {
    checkReports(Planted.dotDotInput(workspace));
  }

  @Test
  void anAbsoluteInputIsAnEscapingInput() {
    checkReports(Planted.absoluteInput(workspace));
  }

  @Test
  void aLinkThatLeadsOutOfTheAssetFolderIsAnEscapingInput() {
    checkReports(Planted.linkOutOfTheFolder(workspace));
  }

  @Test
  void aLinkThatStaysInsideTheAssetFolderIsAFineInput() throws Exception {
    workspace.asset("assets/linked").declaredInput("alias.bin").file("real.bin", "real").create();
    java.nio.file.Files.createSymbolicLink(workspace.path("assets/linked/alias.bin"), Path.of("real.bin"));

    assertThat(workspace.run("check")).succeeds();
  }

  @Test
  void aNestedAssetFolderIsReported() {
    checkReports(Planted.nestedAsset(workspace));
  }

  @Test
  void duplicateNamesAreReportedInBothFiles() {
    checkReports(Planted.duplicateNames(workspace));
  }

  @Test
  void pathsThatDifferOnlyByCaseAreReported() {
    checkReports(Planted.caseCollision(workspace));
  }

  @Test
  void assetFoldersThatDifferOnlyByCaseAreReported() {
    workspace.asset("assets/Hero").create();
    workspace.asset("assets/hero").name("hero-lower").create();

    checkReports(
        new Planted("assets/Hero", 0, 0, "case-collision", "'assets/hero'"),
        new Planted("assets/hero", 0, 0, "case-collision", "'assets/Hero'"));
  }

  @Test
  void anAssetWithACaseCollisionIsInvalidAndShowReportsIt() {
    Planted[] planted = Planted.caseCollision(workspace);
    workspace.bindByHand("4400000000000001", "assets/cased");

    assertThat(workspace.listed("id", "4400000000000001").path("state").asText()).isEqualTo("invalid");
    assertThat(workspace.run("show", "4400000000000001"))
        .reportsError(planted[0].file(), 0, 0, "case-collision");
  }

  @Test
  void aBadPackerJsonKeyIsReportedInPackerJson() {
    workspace.write("packer.json", """
        {
          "name": "game",
          "roots": ["."],
          "ouptut": "build"
        }
        """);

    assertThat(workspace.run("check")).exitsWith(ExitCode.PROBLEMS)
        .reportsError("packer.json", 4, 3, "unknown-key", "'ouptut'");
  }

  @Test
  void oneAssetJsonWithSeveralProblemsReportsEachOfThem() {
    workspace.asset("assets/messy").json("""
        {
          "id": "5500000000000001",
          "type": "sprite",
          "inputs": ["../up.bin", "absent.bin"],
          "colour": "red"
        }
        """).create();

    assertThat(workspace.run("check")).exitsWith(ExitCode.PROBLEMS)
        .reportsError("assets/messy/asset.json", 2, 3, "registry-key")
        .reportsError("assets/messy/asset.json", 3, 11, "unknown-type")
        .reportsError("assets/messy/asset.json", 4, 14, "escaping-input")
        .reportsError("assets/messy/asset.json", 5, 3, "unknown-key");
  }

  @Test
  void checkJsonCountsErrorsAndListsEachDiagnostic() {
    Planted planted = Planted.unknownType(workspace);

    CliResult check = workspace.run("check", "--json");

    assertThat(check).exitsWith(ExitCode.PROBLEMS);
    JsonNode report = check.json();
    assertThat(report.path("errors").asInt()).isEqualTo(1);
    JsonNode diagnostic = report.path("diagnostics").get(0);
    assertThat(diagnostic.path("file").asText()).isEqualTo(planted.file());
    assertThat(diagnostic.path("line").asInt()).isEqualTo(planted.line());
    assertThat(diagnostic.path("column").asInt()).isEqualTo(planted.column());
    assertThat(diagnostic.path("code").asText()).isEqualTo(planted.code());
    assertThat(diagnostic.path("severity").asText()).isEqualTo("error");
  }

  @Test
  void anInvalidAssetIsListedAsInvalid() {
    Planted.unknownType(workspace);

    assertThat(workspace.listed("root", "assets/sprite").path("state").asText()).isEqualTo("invalid");
  }
}
