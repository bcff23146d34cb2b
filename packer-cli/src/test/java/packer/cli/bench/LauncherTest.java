package packer.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LauncherTest {

  @Test
  void readsTheJvmFlagsOfTheExecLineWithoutShellExpansions() {
    List<String> script = List.of(
        "#!/usr/bin/env bash",
        "exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto ${PACKER_JAVA_OPTS:-} -jar \"$jar\" \"$@\"");

    assertThat(Launcher.flagsOf(script))
        .contains(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
  }

  @Test
  void findsNoFlagsInAScriptWithoutAnExecLine() {
    assertThat(Launcher.flagsOf(List.of("#!/bin/sh", "echo hi"))).isEmpty();
  }

  @Test
  void startsHashingCommandsWithTheOptimizingCompilerAsTheRealLauncherDoes() throws IOException {
    List<String> script = Files.readAllLines(Path.of("..", "packer"), StandardCharsets.UTF_8);
    Launcher launcher = new Launcher(Path.of("java"), Launcher.flagsOf(script).orElseThrow(),
        Launcher.quickJitFlagsOf(script), Launcher.fullJitCommandsOf(script), Path.of("packer.jar"), "test");

    assertThat(launcher.flagsFor("-C", "ws", "status")).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    assertThat(launcher.flagsFor("--version")).contains("-XX:TieredStopAtLevel=1");
    assertThat(launcher.flagsFor("-C", "build", "ls")).contains("-XX:TieredStopAtLevel=1");
    assertThat(launcher.flagsFor("-C", "ws", "build", "--json"))
        .contains("-XX:+UseSerialGC")
        .doesNotContain("-XX:TieredStopAtLevel=1");
    assertThat(launcher.fullJitCommands()).contains("build", "gc", "verify", "extract", "serve");
  }

  @Test
  void aReportShowsTheArchivePathRelativeToTheCheckoutNotTheFolderItRanIn() {
    Path home = Path.of("/home/someone/games/packer");
    Path archive = home.resolve("packer-cli/target/packer.jsa");
    Launcher launcher = new Launcher(Path.of("java"),
        List.of("-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off"), List.of(), Set.of(),
        home.resolve("packer-cli/target/packer.jar"), "test");

    assertThat(launcher.reportedFlags())
        .containsExactly("-XX:+UseSerialGC", "-XX:SharedArchiveFile=packer-cli/target/packer.jsa", "-Xlog:cds=off");
    assertThat(launcher.flags()).contains("-XX:SharedArchiveFile=" + archive);
  }

  @Test
  void readsTheShortCommandFlagsOfAnOlderLauncherThatCalledThemJit() {
    List<String> script = List.of(
        "full_jit_commands=\" build \"",
        "jit=(-XX:TieredStopAtLevel=1)",
        "exec java -XX:+UseSerialGC ${jit[@]+\"${jit[@]}\"} -Xshare:auto -jar \"$jar\" \"$@\"");
    Launcher launcher = new Launcher(Path.of("java"), Launcher.flagsOf(script).orElseThrow(),
        Launcher.quickJitFlagsOf(script), Launcher.fullJitCommandsOf(script), Path.of("packer.jar"), "test");

    assertThat(launcher.flagsFor("status")).containsExactly("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");
    assertThat(launcher.flagsFor("build")).containsExactly("-XX:+UseSerialGC", "-Xshare:auto");
  }
}
