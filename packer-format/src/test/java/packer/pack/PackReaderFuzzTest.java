package packer.pack;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the reader: whatever the bytes, opening and using a pack gives a result or a {@link
 * PackFormatException}; any other exception, an out-of-memory error or a hang is a finding.
 *
 * <p>Normal test runs replay the seeds in {@code src/test/resources/packer/pack/
 * PackReaderFuzzTestInputs/anyBytesGiveAPackOrAPackFormatException/} (small valid packs, see
 * {@link FuzzSeeds}). To fuzz for real: {@code JAZZER_FUZZ=1 mvn -o test -pl packer-format
 * -Dtest=PackReaderFuzzTest}; findings land next to the seeds, and become regression tests.
 */
class PackReaderFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void anyBytesGiveAPackOrAPackFormatException(byte[] input) {
    readAll(input);
    // The same bytes with recomputed checksums, so mutations reach the structural checks
    // instead of stopping at a checksum mismatch.
    readAll(Packs.reseal(input));
  }

  private static void readAll(byte[] input) {
    try (Pack pack = Packs.wrap(input)) {
      Packs.exercise(pack);
    } catch (PackFormatException expected) {
      // the one acceptable failure
    } catch (java.io.IOException e) {
      throw new AssertionError("closing an in-memory pack cannot fail", e);
    }
  }
}
