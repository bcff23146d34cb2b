package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * Issue 2, point 9: while another holder writes the workspace, a packer write exits 5 naming it,
 * and reads keep working. (Contention across processes is tested with child JVMs elsewhere; here
 * the holder is a {@link Workspace} opened for writing in this JVM, as an editor embedding packer
 * would.)
 */
class LockedWorkspaceCliTest {

  static final String HERO = "f000000000000001";

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    workspace.asset("assets/hero").name("hero").create();
    workspace.bindByHand(HERO, "assets/hero");
    workspace.asset("assets/villain").create();
    workspace.bindByHand("c000000000000002", "assets/gone");
  }

  private Workspace holder() throws Exception {
    return Workspace.openForWriting(workspace.root(), Options.defaults(), "level editor of Ada");
  }

  @Test
  void aWriteWhileAnotherHolderWritesExitsFiveNamingTheHolder() throws Exception {
    try (Workspace held = holder()) {
      CliResult renamed = workspace.run("rename", "hero", "knight");

      assertThat(renamed).exitsWith(ExitCode.LOCKED)
          .complained("is being written by")
          .complained("level editor of Ada");
    }
  }

  @Test
  void aRefusedWriteChangesNothing() throws Exception {
    String before = workspace.read("assets/hero/asset.json");
    try (Workspace held = holder()) {
      workspace.run("rename", "hero", "knight");
    }

    assertThat(workspace.read("assets/hero/asset.json")).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "new assets/new --type blob",
    "adopt assets/villain",
    "adopt --all",
    "rename hero knight",
    "mv hero chars/hero",
    "rm hero",
    "rm c000000000000002",
    "relocate c000000000000002 assets/villain",
    "doctor --fix",
  })
  void everyWriteCommandIsLockedOut(String command) throws Exception {
    try (Workspace held = holder()) {
      assertThat(workspace.run(command.split(" "))).exitsWith(ExitCode.LOCKED).complained("level editor of Ada");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ls", "ls --json", "status", "status --json", "show hero", "check --json", "doctor"})
  void readCommandsKeepWorkingWhileTheWorkspaceIsHeld(String command) throws Exception {
    try (Workspace held = holder()) {
      CliResult read = workspace.run(command.split(" "));

      assertThat(read.code()).as(read.toString()).isIn(ExitCode.OK, ExitCode.PROBLEMS);
      assertThat(read.err()).doesNotContain("being written");
    }
  }

  @Test
  void lsListsTheAssetsWhileTheWorkspaceIsHeld() throws Exception {
    try (Workspace held = holder()) {
      assertThat(workspace.run("ls")).succeeds().printed(HERO).printed("assets/villain");
    }
  }

  @Test
  void aWriteSucceedsOnceTheHolderLetsGo() throws Exception {
    try (Workspace held = holder()) {
      assertThat(workspace.run("rename", "hero", "knight")).exitsWith(ExitCode.LOCKED);
    }

    assertThat(workspace.run("rename", "hero", "knight")).succeeds();
  }

  @Test
  void aPackerWriteReleasesTheWorkspaceWhenItEnds() throws Exception {
    assertThat(workspace.run("rename", "hero", "knight")).succeeds();

    try (Workspace next = holder()) {
      assertThat(next.isWritable()).isTrue();
    }
  }
}
