package packer.pack;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC-32C arithmetic the JDK lacks: the checksum of two byte runs back to back from the checksums
 * of each, so a checksum over a whole pack can be made from checksums of its parts without
 * reading them again.
 *
 * <p>A CRC is linear over GF(2): appending {@code n} bytes to a message multiplies its register by
 * x^(8n) modulo the polynomial, then adds (XORs) the CRC of those bytes; the pre- and
 * post-conditioning of CRC-32C cancel out in that sum, as in zlib's {@code crc32_combine}. The
 * multiplication is a 32×32 bit matrix; the matrices for 2^k zero bytes are made once, so a
 * combine costs one matrix-vector product per set bit of the length.
 */
final class Crc32c {

  /** CRC-32C's polynomial, bit-reversed (the CRC is computed least significant bit first). */
  private static final int POLYNOMIAL = 0x82F63B78;

  /** ZERO_BYTES[k]: the operator that advances a CRC register over 2^k zero bytes. */
  private static final int[][] ZERO_BYTES = zeroByteOperators();

  private Crc32c() {}

  /** The CRC-32C of {@code bytes}' remaining bytes; the buffer's position is left alone. */
  static int of(ByteBuffer bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes.duplicate());
    return (int) crc.getValue();
  }

  /**
   * The CRC-32C of A followed by B, given the CRC-32C of A, that of B and B's length in bytes.
   */
  static int combine(int crcA, int crcB, long lengthB) {
    if (lengthB < 0) {
      throw new IllegalArgumentException("negative length " + lengthB);
    }
    int register = crcA;
    for (int k = 0; lengthB != 0; k++, lengthB >>>= 1) {
      if ((lengthB & 1) != 0) {
        register = times(ZERO_BYTES[k], register);
      }
    }
    return register ^ crcB;
  }

  private static int[][] zeroByteOperators() {
    // One zero bit: shift right, and fold the polynomial in when the bit shifted out was set.
    int[] oneBit = new int[32];
    oneBit[0] = POLYNOMIAL;
    for (int n = 1; n < 32; n++) {
      oneBit[n] = 1 << (n - 1);
    }
    int[] operator = oneBit;
    for (int doubling = 0; doubling < 3; doubling++) {
      operator = square(operator); // 2, 4, then 8 zero bits: one zero byte
    }
    int[][] operators = new int[63][];
    for (int k = 0; k < operators.length; k++) {
      operators[k] = operator;
      operator = square(operator);
    }
    return operators;
  }

  private static int times(int[] matrix, int vector) {
    int sum = 0;
    for (int i = 0; vector != 0; i++, vector >>>= 1) {
      if ((vector & 1) != 0) {
        sum ^= matrix[i];
      }
    }
    return sum;
  }

  private static int[] square(int[] matrix) {
    int[] square = new int[32];
    for (int n = 0; n < 32; n++) {
      square[n] = times(matrix, matrix[n]);
    }
    return square;
  }
}
