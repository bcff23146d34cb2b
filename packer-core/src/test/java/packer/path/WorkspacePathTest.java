package packer.path;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspacePathTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "..", "a/../b", "/abs", "C:/x", "a\\b", "a//b", "a/\0", "."})
  void rejectsPathsThatAreNotCanonicalRelativePaths(String raw) {
    assertThat(WorkspacePath.canonical(raw).isValid()).isFalse();
  }

  @Test
  void dropsDotSegmentsAndTrailingSlash() {
    assertThat(WorkspacePath.canonical("./assets/./hero/").path()).contains("assets/hero");
  }

  @Test
  void normalizesToNfc() {
    String decomposed = "cafe\u0301";
    assertThat(WorkspacePath.canonical(decomposed).path()).contains("caf\u00e9");
  }

  @Test
  void withinMeansSelfOrBelowNotAPrefixOfTheName() {
    assertThat(WorkspacePath.isWithin("assets/hero/x", "assets/hero")).isTrue();
    assertThat(WorkspacePath.isWithin("assets/hero", "assets/hero")).isTrue();
    assertThat(WorkspacePath.isWithin("assets/heroine", "assets/hero")).isFalse();
  }
}
