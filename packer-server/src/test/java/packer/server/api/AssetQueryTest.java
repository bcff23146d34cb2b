package packer.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The name search ignores case exactly as lowercasing in Locale.ROOT does, ASCII or not. */
class AssetQueryTest {

  @Test
  void containsLowerCaseAgreesWithLowercasingFirst() {
    List<String> texts = List.of("", "Hero", "assets/Characters/HERO-1x", "hero", "ÜBER-held", "İstanbul", "STRASSE",
        "straße", "ΣΊΣΥΦΟΣ", "a", "AbAbAbC", "tab\tKEY", "ǅungla");
    List<String> needles = List.of("", "hero", "o-1", "über", "i̇stanbul", "istanbul", "ss", "ß", "σίσυφος",
        "ababc", "abc", "\tkey", "ǆ", "x", "heroes");
    for (String text : texts) {
      for (String needle : needles) {
        assertThat(AssetQuery.containsLowerCase(text, needle)).as(text + " contains " + needle)
            .isEqualTo(text.toLowerCase(Locale.ROOT).contains(needle));
      }
    }
  }
}
