package packer.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BackgroundSha256Test {

  @Property(tries = 30)
  void theDigestIsThatOfAllBytesInOrderWhateverTheCallerDoesWithItsBufferAfter(
      @ForAll @Size(max = 12) List<@IntRange(max = 1_500_000) Integer> sizes, @ForAll long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    ByteBuffer reused = ByteBuffer.allocate(1_500_000);
    try (BackgroundSha256 sha = new BackgroundSha256()) {
      for (int size : sizes) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        all.write(bytes);
        reused.clear().put(bytes).flip();

        sha.update(reused);

        assertThat(reused.position()).isZero();
        reused.clear().put(new byte[size]); // overwritten at once, as a file source's buffer is
      }

      assertThat(sha.digest()).isEqualTo(Sha256.digest(all.toByteArray()));
    }
  }

  @Test
  void aDirectBufferIsHashedLikeAnArray() throws Exception {
    byte[] bytes = new byte[3 * (1 << 20) + 17];
    new SplittableRandom(7).nextBytes(bytes);
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    try (BackgroundSha256 sha = new BackgroundSha256()) {
      sha.update(direct);

      assertThat(sha.digest()).isEqualTo(Sha256.digest(bytes));
    }
  }

  @Test
  void closingBeforeTheDigestStopsTheHasher() throws Exception {
    Thread hasher;
    try (BackgroundSha256 sha = new BackgroundSha256()) {
      sha.update(ByteBuffer.wrap(new byte[5 << 20]));
      hasher = Thread.getAllStackTraces().keySet().stream()
          .filter(thread -> thread.getName().equals("packer-pack-sha256")).findFirst().orElseThrow();
    }
    hasher.join(10_000);

    assertThat(hasher.isAlive()).isFalse();
  }
}
