package packer.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.pack.Packs.Item;

class PackCorruptionTest {

  @TempDir Path dir;

  private final byte[] valid = Packs.bytes(16, Packs.varied());

  @Test
  void everyTruncationOfAValidPackFailsToOpen() throws IOException {
    Path file = dir.resolve("cut.pack");
    for (int length = 0; length < valid.length; length++) {
      Files.write(file, Arrays.copyOf(valid, length));
      int cut = length;

      assertThatThrownBy(() -> Pack.open(file).close())
          .as("pack cut to %d bytes", cut)
          .isInstanceOf(PackFormatException.class)
          .hasMessageStartingWith(file + ": offset ");
    }
  }

  @Test
  void everySingleByteFlipIsCaughtAtOpenOrByVerify() throws IOException {
    for (int offset = 0; offset < valid.length; offset++) {
      byte[] damaged = valid.clone();
      damaged[offset] ^= (byte) 0x41;

      assertThat(openAndVerify(damaged)).as("flip at %d", offset).isInstanceOf(PackFormatException.class);
    }
  }

  @Test
  void randomByteFlipsNeverCauseAnythingButPackFormatException() {
    Random random = new Random(20240601L);
    for (int run = 0; run < 3000; run++) {
      byte[] damaged = valid.clone();
      int flips = 1 + random.nextInt(8);
      for (int i = 0; i < flips; i++) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      if (Arrays.equals(damaged, valid)) {
        continue;
      }
      Throwable thrown = openAndVerify(damaged);

      assertThat(thrown).as("run %d", run).isInstanceOf(PackFormatException.class);
    }
  }

  @Test
  void randomFlipsBehindRecomputedChecksumsAreCaughtByTheStructuralChecks() {
    // Resealing makes every checksum pass, so only validation stands between the damage and
    // the reader's arithmetic: anything may open, but nothing may escape as another exception.
    Random random = new Random(77L);
    for (int run = 0; run < 3000; run++) {
      byte[] damaged = valid.clone();
      int flips = 1 + random.nextInt(4);
      for (int i = 0; i < flips; i++) {
        int at = random.nextInt(damaged.length);
        damaged[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (damaged[at] ^ (1 << random.nextInt(8)));
      }
      Throwable thrown = openAndVerify(Packs.reseal(damaged));

      if (thrown != null) {
        assertThat(thrown).as("run %d", run).isInstanceOf(PackFormatException.class);
      }
    }
  }

  @Test
  void verifyNamesTheFirstEntryWhoseBytesAreDamaged() throws IOException {
    byte[] damaged = valid.clone();
    try (Pack pack = Packs.wrap(valid)) {
      PackEntry hero = pack.find(0x3f9a0c1d2e4b5a67L).orElseThrow();
      damaged[(int) hero.dataOffset() + 1] ^= 1;
      damaged[(int) pack.find(-1L).orElseThrow().dataOffset()] ^= 1;
    }

    try (Pack pack = Packs.wrap(damaged)) {
      PackEntry hero = pack.find(0x3f9a0c1d2e4b5a67L).orElseThrow();
      PackFormatException e = catchThrowableOfType(pack::verify);

      assertThat(e.entryId()).hasValue(0x3f9a0c1d2e4b5a67L);
      assertThat(e.offset()).isEqualTo(hero.dataOffset());
      assertThat(e).hasMessageContaining("3f9a0c1d2e4b5a67").hasMessageContaining("content hash mismatch");
    }
  }

  @Test
  void verifyNamesNonZeroPaddingByOffset() throws IOException {
    List<Item> items = List.of(Item.raw(1, "t", "a", "x"), Item.raw(2, "t", "b", "y"));
    byte[] damaged = Packs.bytes(16, items);
    int padding;
    try (Pack pack = Packs.wrap(damaged)) {
      padding = (int) pack.find(1).orElseThrow().dataOffset() + 1;
    }
    damaged[padding] = 1;

    try (Pack pack = Packs.wrap(damaged)) {
      assertThat(catchThrowableOfType(pack::verify).offset()).isEqualTo(padding);
    }
  }

  @Test
  void verifyFindsDamageInACompressedEntryThroughTheBodyChecksum() throws IOException {
    byte[] damaged = valid.clone();
    try (Pack pack = Packs.wrap(valid)) {
      damaged[(int) pack.find(0x8000000000000000L).orElseThrow().dataOffset()] ^= 1;
    }

    try (Pack pack = Packs.wrap(damaged)) {
      assertThatThrownBy(pack::verify).isInstanceOf(PackFormatException.class)
          .hasMessageContaining("body (padding, index and uncompressed entries are sound");
    }
  }

  @Test
  void verifyChecksCompressedEntriesWithADecoder() throws IOException {
    byte[] raw = "the raw bytes of a compressed entry".getBytes();
    EntryDecoder fakeCodec = (entry, stored) -> new ByteArrayInputStream(raw);
    EntryDecoder wrongCodec = (entry, stored) -> new ByteArrayInputStream(new byte[raw.length]);
    EntryDecoder brokenCodec = (entry, stored) -> {
      throw new IOException("bad frame");
    };

    try (Pack pack = Packs.wrap(valid)) {
      pack.verify(fakeCodec);
      assertThat(catchThrowableOfType(() -> pack.verify(wrongCodec)).entryId()).hasValue(0x8000000000000000L);
      assertThatThrownBy(() -> pack.verify(brokenCodec)).hasMessageContaining("does not decode");
    }
  }

  @Test
  void aFileThatIsNotAPackIsRejectedAtOffsetZero() {
    byte[] zip = {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    assertThat(catchThrowableOfType(() -> Packs.wrap(zip)).offset()).isZero();
  }

  @Test
  void aNewerMajorVersionIsRejected() {
    byte[] v2 = Packs.patch(valid, PackFormat.H_MAJOR, 2, 2);

    assertThatThrownBy(() -> Packs.wrap(v2))
        .isInstanceOf(PackFormatException.class)
        .hasMessageContaining("offset 8: unsupported major version 2");
  }

  @Test
  void aNewerMinorVersionIsRead() throws IOException {
    byte[] v1dot7 = Packs.patch(valid, PackFormat.H_MINOR, 7, 2);

    try (Pack pack = Packs.wrap(v1dot7)) {
      assertThat(pack.minorVersion()).isEqualTo(7);
      assertThat(pack.entries()).hasSize(Packs.varied().size());
      pack.verify();
    }
  }

  @Test
  void aNewerMinorVersionsLongerHeaderAndEntriesAreSkipped() throws IOException {
    byte[] extended = Packs.asNewerMinorVersion(valid, 16, 8);

    try (Pack pack = Packs.wrap(extended)) {
      assertThat(pack.entries()).extracting(PackEntry::name)
          .containsExactlyElementsOf(Packs.varied().stream().map(Item::name).toList());
      assertThat(PackRoundTripTest.bytesOf(pack.data(pack.find(1).orElseThrow()))).isEqualTo("hello\n".getBytes());
      pack.verify();
    }
  }

  @Test
  void anUnknownCompressionCodeIsReportedAsIs() throws IOException {
    byte[] patched;
    try (Pack pack = Packs.wrap(valid)) {
      int base = PackFormat.HEADER_SIZE + pack.find(0x8000000000000000L).orElseThrow().position() * PackFormat.ENTRY_SIZE;
      patched = Packs.patch(valid, base + PackFormat.E_COMPRESSION, 9, 1);
    }

    try (Pack pack = Packs.wrap(patched)) {
      Compression compression = pack.find(0x8000000000000000L).orElseThrow().compression();
      assertThat(compression.code()).isEqualTo(9);
      assertThat(compression.isKnown()).isFalse();
    }
  }

  @Test
  void aHeaderChecksumMismatchNamesTheChecksumsOffset() {
    byte[] damaged = valid.clone();
    damaged[PackFormat.H_ALIGNMENT] = 32;

    assertThatThrownBy(() -> Packs.wrap(damaged)).hasMessageContaining("offset 92: header checksum mismatch");
  }

  @Test
  void aFileWithBytesAppendedIsRejected() {
    byte[] longer = Packs.concat(valid, new byte[] {0});

    PackFormatException e = catchThrowableOfType(() -> Packs.wrap(longer));
    assertThat(e.offset()).isEqualTo(valid.length);
    assertThat(e.problem()).contains("truncated or appended to");
  }

  @Test
  void anEntryWhoseDataRunsPastTheEndIsRejectedWithItsId() throws IOException {
    int base = PackFormat.HEADER_SIZE + 4 * PackFormat.ENTRY_SIZE; // the last entry
    byte[] patched = Packs.patch(
        Packs.patch(valid, base + PackFormat.E_STORED_SIZE, 1L << 40, 8),
        base + PackFormat.E_RAW_SIZE, 1L << 40, 8);

    PackFormatException e = catchThrowableOfType(() -> Packs.wrap(patched));
    assertThat(e.offset()).isEqualTo(base + PackFormat.E_STORED_SIZE);
    assertThat(e.entryId()).hasValue(-1L);
    assertThat(e.problem()).contains("runs past the end of the file");
  }

  @Test
  void aHugeEntryCountIsRejectedBeforeAnythingIsAllocated() {
    byte[] patched = Packs.patch(valid, PackFormat.H_ENTRY_COUNT, 0xffffffffL, 4);

    assertThatThrownBy(() -> Packs.wrap(patched)).hasMessageContaining("runs past the end of the file");
  }

  @Test
  void idsOutOfOrderAreRejected() {
    byte[] patched = Packs.patch(valid, PackFormat.HEADER_SIZE + PackFormat.ENTRY_SIZE, 0, 8);

    assertThatThrownBy(() -> Packs.wrap(patched)).hasMessageContaining("ids must be strictly increasing");
  }

  @Test
  void overlappingEntriesAreRejected() throws IOException {
    int second = PackFormat.HEADER_SIZE + PackFormat.ENTRY_SIZE;
    long firstOffset = ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN)
        .getLong(PackFormat.HEADER_SIZE + PackFormat.E_DATA_OFFSET);
    byte[] patched = Packs.patch(valid, second + PackFormat.E_DATA_OFFSET, firstOffset, 8);

    assertThatThrownBy(() -> Packs.wrap(patched)).hasMessageContaining("after the previous entry's data");
  }

  @Test
  void aNameThatIsNotUtf8IsRejected() throws IOException {
    long strings = ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong(PackFormat.H_STRINGS_OFFSET);
    byte[] patched = Packs.patch(valid, (int) strings, 0xc0, 1); // the first string starts with an overlong lead byte

    assertThatThrownBy(() -> Packs.wrap(patched)).hasMessageContaining("is not well-formed UTF-8");
  }

  @Test
  void aDuplicateSlotInTheNameIndexIsRejected() {
    long nameIndex = ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong(PackFormat.H_NAME_INDEX_OFFSET);
    byte[] patched = Packs.patch(valid, (int) nameIndex + 4, Integer.toUnsignedLong(
        ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getInt((int) nameIndex)), 4);

    assertThatThrownBy(() -> Packs.wrap(patched)).hasMessageContaining("name index is not strictly increasing");
  }

  /** Opens, uses and verifies a pack; returns what was thrown, if anything. */
  private static Throwable openAndVerify(byte[] pack) {
    return catchThrowable(() -> {
      try (Pack opened = Packs.wrap(pack)) {
        Packs.exercise(opened);
      }
    });
  }

  private static PackFormatException catchThrowableOfType(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(PackFormatException.class);
    return (PackFormatException) thrown;
  }
}
