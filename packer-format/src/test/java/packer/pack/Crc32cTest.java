package packer.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Crc32cTest {

  @Property(tries = 500)
  void combiningTheChecksumsOfTwoRunsGivesTheChecksumOfBothBackToBack(
      @ForAll @Size(max = 300) byte[] a, @ForAll @Size(max = 300) byte[] b) {
    assertThat(Crc32c.combine(crc(a), crc(b), b.length)).isEqualTo(crc(concat(a, b)));
  }

  @Property(tries = 50)
  void combiningLongRunsOfZerosGivesTheChecksumOfBothBackToBack(
      @ForAll @Size(max = 64) byte[] a, @ForAll @IntRange(max = 3_000_000) int zeros) {
    byte[] b = new byte[zeros];

    assertThat(Crc32c.combine(crc(a), crc(b), zeros)).isEqualTo(crc(concat(a, b)));
  }

  @Property(tries = 100)
  void combiningIsAssociativeSoAWholeFileCanBeSummedPartByPart(
      @ForAll @Size(max = 200) byte[] a, @ForAll @Size(max = 200) byte[] b, @ForAll @Size(max = 200) byte[] c) {
    int leftFirst = Crc32c.combine(Crc32c.combine(crc(a), crc(b), b.length), crc(c), c.length);
    int rightFirst = Crc32c.combine(crc(a), Crc32c.combine(crc(b), crc(c), c.length), b.length + c.length);

    assertThat(leftFirst).isEqualTo(crc(concat(concat(a, b), c))).isEqualTo(rightFirst);
  }

  @Test
  void theChecksumOfABufferLeavesItsPositionAlone() {
    ByteBuffer bytes = ByteBuffer.wrap(new byte[] {1, 2, 3, 4}).position(1);

    assertThat(Crc32c.of(bytes)).isEqualTo(crc(new byte[] {2, 3, 4}));
    assertThat(bytes.position()).isEqualTo(1);
  }

  @Test
  void aNegativeLengthIsRejected() {
    assertThatThrownBy(() -> Crc32c.combine(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static int crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
