package packer.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
