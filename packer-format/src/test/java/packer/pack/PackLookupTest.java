package packer.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.pack.Packs.Item;

class PackLookupTest {

  @TempDir Path dir;
  private Pack pack;

  @BeforeEach
  void open() throws IOException {
    Path file = dir.resolve("varied.pack");
    Packs.writer(16, Packs.varied()).writeTo(file);
    pack = Pack.open(file);
  }

  @AfterEach
  void close() throws IOException {
    pack.close();
  }

  @Test
  void findsEveryEntryById() {
    for (Item item : Packs.varied()) {
      assertThat(pack.find(item.id())).hasValueSatisfying(e -> assertThat(e.name()).isEqualTo(item.name()));
    }
  }

  @Test
  void findsIdsAboveTwoToTheSixtyThreeAsUnsigned() {
    assertThat(pack.find(0x8000000000000000L)).hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("packed"));
    assertThat(pack.find(-1L)).hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("日本語"));
  }

  @Test
  void anUnknownIdIsNotFound() {
    assertThat(pack.find(2)).isEmpty();
    assertThat(pack.find(0)).isEmpty();
    assertThat(pack.find(0xfffffffffffffffeL)).isEmpty();
  }

  @Test
  void findsEveryEntryByItsExactName() {
    for (Item item : Packs.varied()) {
      assertThat(pack.findByName(item.name())).hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(item.id()));
    }
  }

  @Test
  void namesMatchExactlyWithoutCaseFoldingOrNormalization() {
    assertThat(pack.findByName("README")).isEmpty();
    assertThat(pack.findByName("he\u0301ros/épée 🗡")).isEmpty(); // decomposed é
    assertThat(pack.findByName("readme ")).isEmpty();
  }

  @Test
  void namesBeyondTheBasicPlaneSortAsTheirUtf8Bytes() throws IOException {
    // UTF-16 puts U+1F5E1 (a surrogate pair, 0xD83D...) before U+FF21; UTF-8 bytes put it after.
    List<Item> items = List.of(Item.raw(1, "t", "\uFF21", "a"), Item.raw(2, "t", "🗡", "b"));
    try (Pack other = Packs.wrap(Packs.bytes(16, items))) {
      assertThat(other.findByName("\uFF21")).isPresent();
      assertThat(other.findByName("🗡")).isPresent();
    }
  }

  @Test
  void dataIsAReadOnlyViewOfTheMappedFile() {
    PackEntry entry = pack.find(1).orElseThrow();

    ByteBuffer data = pack.data(entry);

    assertThat(data.isDirect()).isTrue();
    assertThat(data.isReadOnly()).isTrue();
    assertThat(data).isInstanceOf(MappedByteBuffer.class);
    assertThat(data.position()).isZero();
    assertThat(data.remaining()).isEqualTo(6);
  }

  @Test
  void dataOfAWrappedBufferIsAViewOfThatBuffer() throws IOException {
    ByteBuffer memory = ByteBuffer.allocateDirect(1 << 12);
    memory.put(Packs.bytes(16, Packs.varied())).flip();
    try (Pack inMemory = Pack.wrap(memory)) {
      PackEntry entry = inMemory.find(1).orElseThrow();
      memory.put((int) entry.dataOffset(), (byte) 'J');

      assertThat(inMemory.data(entry).get(0)).isEqualTo((byte) 'J');
    }
  }

  @Test
  void aStreamReadsTheStoredBytes() throws IOException {
    PackEntry packed = pack.find(0x8000000000000000L).orElseThrow();

    assertThat(pack.openStream(packed).readAllBytes()).containsExactly(9, 8, 7, 6);
  }

  @Test
  void anEntryOfAnotherPackIsRejected() throws IOException {
    try (Pack other = Packs.wrap(Packs.bytes(16, Packs.varied()))) {
      PackEntry foreign = other.find(1).orElseThrow();

      assertThatThrownBy(() -> pack.data(foreign)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> pack.openStream(foreign)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aClosedPackRefusesReads() throws IOException {
    PackEntry entry = pack.find(1).orElseThrow();
    ByteBuffer before = pack.data(entry);

    pack.close();

    assertThatThrownBy(() -> pack.data(entry)).isInstanceOf(IllegalStateException.class);
    assertThat(before.get(0)).isEqualTo((byte) 'h'); // views handed out stay readable
  }

  @Test
  void entriesCannotBeModified() {
    assertThatThrownBy(() -> pack.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
