package packer.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packer.pack.Packs.Item;

class PackRoundTripTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "alignment {0}")
  @ValueSource(ints = {1, 16, 4096})
  void everyFieldOfEveryEntryReadsBackAsWritten(int alignment) throws IOException {
    List<Item> items = Packs.varied();
    Path file = dir.resolve("varied.pack");
    Packs.writer(alignment, items).writeTo(file);

    try (Pack pack = Pack.open(file)) {
      assertThat(pack.entries()).hasSize(items.size());
      for (int i = 0; i < items.size(); i++) {
        Item item = items.get(i);
        PackEntry entry = pack.entries().get(i);
        assertThat(entry.id()).isEqualTo(item.id());
        assertThat(entry.type()).isEqualTo(item.type());
        assertThat(entry.name()).isEqualTo(item.name());
        assertThat(entry.compression()).isEqualTo(item.compression());
        assertThat(entry.storedSize()).isEqualTo(item.stored().length);
        assertThat(entry.rawSize()).isEqualTo(item.rawSize());
        assertThat(entry.contentHash()).isEqualTo(item.hash());
        assertThat(bytesOf(pack.data(entry))).isEqualTo(item.stored());
      }
    }
  }

  @ParameterizedTest(name = "alignment {0}")
  @ValueSource(ints = {1, 2, 8, 16, 4096, 65536})
  void everyEntrysDataStartsOnTheAlignment(int alignment) throws IOException {
    try (Pack pack = Packs.wrap(Packs.bytes(alignment, Packs.varied()))) {
      assertThat(pack.alignment()).isEqualTo(alignment);
      assertThat(pack.entries()).allSatisfy(e -> assertThat(e.dataOffset() % alignment).isZero());
    }
  }

  @Test
  void anEmptyPackHasNoEntries() throws IOException {
    try (Pack pack = Packs.wrap(Packs.bytes(16, List.of()))) {
      assertThat(pack.entries()).isEmpty();
      assertThat(pack.find(0)).isEmpty();
      assertThat(pack.findByName("")).isEmpty();
      pack.verify();
    }
  }

  @Test
  void anEmptyEntryHasAnEmptyView() throws IOException {
    Item empty = Item.raw(42, "blob", "nothing", new byte[0]);
    try (Pack pack = Packs.wrap(Packs.bytes(4096, List.of(empty)))) {
      PackEntry entry = pack.entries().get(0);
      assertThat(entry.storedSize()).isZero();
      assertThat(pack.data(entry).remaining()).isZero();
      assertThat(entry.contentHash()).isEqualTo(Sha256.digest(new byte[0]));
      pack.verify();
    }
  }

  @Test
  void thousandsOfEntriesRoundTripInIdOrder() throws IOException {
    Random random = new Random(7);
    List<Item> items = new ArrayList<>();
    long id = 0;
    for (int i = 0; i < 5000; i++) {
      id += 1 + random.nextInt(1_000_000);
      byte[] data = new byte[random.nextInt(300)];
      random.nextBytes(data);
      items.add(Item.raw(id, i % 3 == 0 ? "image" : "blob", "asset-" + i, data));
    }
    Path file = dir.resolve("many.pack");
    Packs.writer(16, items).writeTo(file);

    try (Pack pack = Pack.open(file)) {
      assertThat(pack.entries()).extracting(PackEntry::id)
          .containsExactlyElementsOf(items.stream().map(Item::id).toList());
      for (Item item : items) {
        assertThat(bytesOf(pack.data(pack.findByName(item.name()).orElseThrow())))
            .isEqualTo(item.stored());
      }
      pack.verify();
    }
  }

  @Test
  void aFileAndANonSeekableChannelGetTheSameBytes() throws IOException {
    Path file = dir.resolve("seekable.pack");
    Packs.writer(16, Packs.varied()).writeTo(file);

    assertThat(Files.readAllBytes(file)).isEqualTo(Packs.bytes(16, Packs.varied()));
  }

  @Test
  void aPackReadInSmallMappingWindowsReadsTheSame() throws IOException {
    Path file = dir.resolve("windows.pack");
    Packs.writer(1, Packs.varied()).writeTo(file);

    for (int window : new int[] {2, 6, 64, 1000}) {
      try (Pack pack = Pack.open(file, window)) {
        for (int i = 0; i < Packs.varied().size(); i++) {
          PackEntry entry = pack.entries().get(i);
          assertThat(bytesOf(pack.data(entry))).isEqualTo(Packs.varied().get(i).stored());
          assertThat(pack.openStream(entry).readAllBytes())
              .isEqualTo(Packs.varied().get(i).stored());
        }
        pack.verify();
      }
    }
  }

  @Test
  void theVersionIsOnePointZero() throws IOException {
    try (Pack pack = Packs.wrap(Packs.bytes(16, Packs.varied()))) {
      assertThat(pack.majorVersion()).isEqualTo(1);
      assertThat(pack.minorVersion()).isEqualTo(0);
    }
  }

  static byte[] bytesOf(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
