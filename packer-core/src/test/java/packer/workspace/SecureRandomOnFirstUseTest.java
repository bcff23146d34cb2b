package packer.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecureRandomOnFirstUseTest {

  @Test
  void everyRunDrawsOtherIds() {
    Set<Long> firsts = new HashSet<>();
    Set<Long> all = new HashSet<>();
    for (int run = 0; run < 200; run++) {
      SecureRandomOnFirstUse random = new SecureRandomOnFirstUse();
      firsts.add(random.nextLong());
      for (int i = 0; i < 4; i++) {
        all.add(random.nextLong());
      }
    }

    assertThat(firsts).as("seeded apart, like a SecureRandom").hasSize(200);
    assertThat(all).hasSize(800);
  }
}
