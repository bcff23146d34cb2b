package packer.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathOrderTest {

  @Test
  void ordersByUtf8BytesNotUtf16Units() {
    String fullwidthA = "\uFF21"; // EF BC A1 in UTF-8
    String emoji = "\uD83D\uDE00"; // F0 9F 98 80 in UTF-8, but a surrogate (D83D) in UTF-16
    assertThat(fullwidthA.compareTo(emoji)).isPositive();
    assertThat(PathOrder.compare(fullwidthA, emoji)).isNegative();
  }

  @Test
  void upperCaseSortsBeforeLowerCaseAndSlashBeforeLetters() {
    List<String> paths = new ArrayList<>(List.of("b", "a/b", "B", "a-b", "é"));
    paths.sort(PathOrder.COMPARATOR);
    assertThat(paths).containsExactly("B", "a-b", "a/b", "b", "é");
  }
}
