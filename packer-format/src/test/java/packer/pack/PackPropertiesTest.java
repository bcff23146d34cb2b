package packer.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import packer.pack.Packs.Item;

class PackPropertiesTest {

  @Property(tries = 200)
  void anyEntriesReadBackExactlyAsWritten(
      @ForAll("entries") List<Item> items, @ForAll("alignments") int alignment) throws IOException {
    try (Pack pack = Packs.wrap(Packs.bytes(alignment, items))) {
      assertThat(pack.entries()).hasSize(items.size());
      for (int i = 0; i < items.size(); i++) {
        Item item = items.get(i);
        PackEntry entry = pack.entries().get(i);
        assertThat(entry.id()).isEqualTo(item.id());
        assertThat(entry.type()).isEqualTo(item.type());
        assertThat(entry.name()).isEqualTo(item.name());
        assertThat(entry.compression()).isEqualTo(item.compression());
        assertThat(entry.rawSize()).isEqualTo(item.rawSize());
        assertThat(entry.contentHash()).isEqualTo(item.hash());
        assertThat(PackRoundTripTest.bytesOf(pack.data(entry))).isEqualTo(item.stored());
        assertThat(entry.dataOffset() % alignment).isZero();
        assertThat(pack.find(item.id())).containsSame(entry);
        assertThat(pack.findByName(item.name())).containsSame(entry);
      }
      pack.verify();
    }
  }

  @Property(tries = 50)
  void aFileGetsTheSameBytesAsAStream(@ForAll("entries") List<Item> items) throws IOException {
    Path file = Files.createTempFile("property", ".pack");
    try {
      Packs.writer(16, items).writeTo(file);

      assertThat(Files.readAllBytes(file)).isEqualTo(Packs.bytes(16, items));
    } finally {
      Files.delete(file);
    }
  }

  @Property(tries = 100)
  void givingSomeEntriesTheirCrc32cChangesNoByteOfThePack(
      @ForAll("entries") List<Item> items, @ForAll("alignments") int alignment, @ForAll long which)
      throws IOException {
    PackWriter writer = new PackWriter(alignment);
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      StoredBytes stored = StoredBytes.of(item.stored());
      if ((which >>> (i % 64) & 1) != 0) {
        stored = stored.withCrc32c(Crc32c.of(java.nio.ByteBuffer.wrap(item.stored())));
      }
      writer.add(item.id(), item.type(), item.name(), item.compression(), item.rawSize(), item.hash(), stored);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    PackWriter.Written written = writer.writeHashedTo(java.nio.channels.Channels.newChannel(out));

    assertThat(out.toByteArray()).isEqualTo(Packs.bytes(alignment, items));
    assertThat(written.sha256()).isEqualTo(Sha256.digest(out.toByteArray()));
  }

  @Property(tries = 1000)
  void codePointOrderIsUnsignedUtf8ByteOrder(
      @ForAll("wellFormed") String a, @ForAll("wellFormed") String b) {
    int bytes = Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    assertThat(Integer.signum(Utf8.compare(a, b))).isEqualTo(Integer.signum(bytes));
  }

  @Provide
  Arbitrary<Integer> alignments() {
    return Arbitraries.integers().between(0, 12).map(bits -> 1 << bits);
  }

  /** Text without unpaired surrogates, mixing ASCII, the rest of the BMP and beyond it. */
  @Provide
  Arbitrary<String> wellFormed() {
    Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
        Tuple.of(2, Arbitraries.integers().between(0x80, 0xffff).filter(cp -> cp < 0xd800 || cp > 0xdfff)),
        Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
    return codePoints.list().ofMaxSize(8)
        .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
  }

  @Provide
  Arbitrary<List<Item>> entries() {
    Arbitrary<Item> item = Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.of("blob", "text", "image", "json", ""),
            wellFormed(),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(100),
            Arbitraries.of(Compression.NONE, Compression.ZSTD, Compression.of(200)),
            Arbitraries.longs().between(0, Long.MAX_VALUE))
        .as((id, type, name, stored, compression, rawSize) ->
            compression.equals(Compression.NONE)
                ? Item.raw(id, type, name, stored)
                : new Item(id, type, name, compression, rawSize, Sha256.digest(new byte[] {1}), stored));
    return item.list().ofMaxSize(20).map(PackPropertiesTest::uniqueSortedByUnsignedId);
  }

  /** Keeps the first item of each id and of each name, sorted by id as a writer needs. */
  private static List<Item> uniqueSortedByUnsignedId(List<Item> items) {
    TreeMap<Long, Item> byId = new TreeMap<>(Long::compareUnsigned);
    List<String> names = new ArrayList<>();
    for (Item item : items) {
      if (!byId.containsKey(item.id()) && !names.contains(item.name())) {
        byId.put(item.id(), item);
        names.add(item.name());
      }
    }
    return new ArrayList<>(byId.values());
  }
}
