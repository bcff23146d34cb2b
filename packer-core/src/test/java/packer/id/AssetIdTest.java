package packer.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AssetIdTest {

  @Property
  void hexRoundTrips(@ForAll long value) {
    AssetId id = new AssetId(value);
    assertThat(id.hex()).hasSize(16).matches("[0-9a-f]{16}");
    assertThat(AssetId.parse(id.hex())).isEqualTo(id);
  }

  @Property
  void orderIsTheOrderOfTheHexForm(@ForAll long a, @ForAll long b) {
    AssetId x = new AssetId(a);
    AssetId y = new AssetId(b);
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(Integer.signum(x.hex().compareTo(y.hex())));
  }

  @Test
  void rejectsAnythingButSixteenLowercaseHexDigits() {
    for (String bad : new String[] {"", "3F9A0C1D2E4B5A67", "3f9a0c1d2e4b5a6", "3f9a0c1d2e4b5a67a", "3f9a0c1d2e4b5a6g"}) {
      assertThatThrownBy(() -> AssetId.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void shardIsTheFirstTwoDigits() {
    assertThat(AssetId.parse("3f9a0c1d2e4b5a67").shard()).isEqualTo("3f");
    assertThat(AssetId.random(new Random(1)).hex()).hasSize(16);
  }
}
