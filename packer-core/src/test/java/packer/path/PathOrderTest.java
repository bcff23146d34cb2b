package packer.path;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

  @Property
  void ordersExactlyAsTheUtf8Bytes(@ForAll("paths") String a, @ForAll("paths") String b) {
    int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    assertThat(Integer.signum(PathOrder.compare(a, b))).isEqualTo(Integer.signum(bytes));
  }

  @Provide
  Arbitrary<String> paths() {
    // Few distinct characters, so strings often share prefixes; surrogates (paired and lone) and
    // characters above them, where UTF-16 and UTF-8 orders part.
    return Arbitraries.strings().withChars('a', 'b', '/', 'é', '\uD83D', '\uDE00', '\uFF21', '\uE000').ofMaxLength(6);
  }
}
