package packer.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packer.pack.Packs.Item;

class PackWriterTest {

  @TempDir Path dir;

  private static final Sha256 EMPTY = Sha256.digest(new byte[0]);

  @Test
  void identicalInputGivesIdenticalBytes() {
    assertThat(Packs.bytes(16, Packs.varied())).isEqualTo(Packs.bytes(16, Packs.varied()));
  }

  @Test
  void writingTheSameWriterTwiceGivesTheSameBytes() {
    PackWriter writer = Packs.writer(16, Packs.varied());

    assertThat(Packs.bytes(writer)).isEqualTo(Packs.bytes(writer));
  }

  @Test
  void whereTheStoredBytesComeFromDoesNotChangeThePack() throws IOException {
    byte[] data = "same bytes".getBytes();
    Path file = dir.resolve("data.bin");
    Files.write(file, data);
    ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();

    List<StoredBytes> sources =
        List.of(StoredBytes.of(data), StoredBytes.of(direct), StoredBytes.ofFile(file, 0, data.length));

    assertThat(sources)
        .extracting(source -> Packs.bytes(new PackWriter()
            .add(9, "blob", "x", Compression.NONE, data.length, Sha256.digest(data), source)))
        .containsOnly(Packs.bytes(16, List.of(Item.raw(9, "blob", "x", data))));
  }

  @Test
  void anIdSmallerThanTheLastIsRejected() {
    PackWriter writer = addEmpty(new PackWriter(), 5, "a");

    assertThatThrownBy(() -> addEmpty(writer, 4, "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0000000000000004 comes after 0000000000000005");
  }

  @Test
  void idsAreOrderedUnsigned() {
    PackWriter writer = addEmpty(new PackWriter(), -1L, "a");

    assertThatThrownBy(() -> addEmpty(writer, 1, "b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDuplicateIdIsRejected() {
    PackWriter writer = addEmpty(new PackWriter(), 5, "a");

    assertThatThrownBy(() -> addEmpty(writer, 5, "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0000000000000005 was already added");
  }

  @Test
  void aDuplicateNameIsRejected() {
    PackWriter writer = addEmpty(new PackWriter(), 1, "hero");

    assertThatThrownBy(() -> addEmpty(writer, 2, "hero"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name 'hero' is taken");
  }

  @Test
  void aNameWithAnUnpairedSurrogateIsRejected() {
    assertThatThrownBy(() -> addEmpty(new PackWriter(), 1, "bad\uD800"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not well-formed");
  }

  @Test
  void anUncompressedEntryWhoseRawSizeDiffersFromItsBytesIsRejected() {
    assertThatThrownBy(() -> new PackWriter().add(1, "t", "a", Compression.NONE, 3, EMPTY, StoredBytes.of(new byte[2])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("raw size 3 must equal the 2 stored bytes");
  }

  @ParameterizedTest(name = "alignment {0}")
  @ValueSource(ints = {0, -16, 3, 24, 131072})
  void anAlignmentThatIsNotAPowerOfTwoUpTo65536IsRejected(int alignment) {
    assertThatThrownBy(() -> new PackWriter(alignment)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writeAtomicallyReplacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("game.pack");
    Files.write(target, new byte[] {1, 2, 3});

    long size = Packs.writer(16, Packs.varied()).writeAtomically(target);

    assertThat(Files.readAllBytes(target)).isEqualTo(Packs.bytes(16, Packs.varied())).hasSize((int) size);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void aFailedAtomicWriteLeavesTheOldPackAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("game.pack");
    Files.write(target, new byte[] {1, 2, 3});
    PackWriter writer = new PackWriter()
        .add(1, "t", "a", Compression.NONE, 10, EMPTY, StoredBytes.ofFile(dir.resolve("missing"), 0, 10));

    assertThatThrownBy(() -> writer.writeAtomically(target)).isInstanceOf(IOException.class);

    assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void aFailedCheckAfterTheBytesFailsTheAtomicWriteAndKeepsTheOldPack() throws IOException {
    Path target = dir.resolve("game.pack");
    Files.write(target, new byte[] {1, 2, 3});
    Path input = dir.resolve("input.bin");
    Files.write(input, "hi\n".getBytes());
    List<String> checked = new ArrayList<>();
    PackWriter writer = new PackWriter()
        .add(1, "text", "greeting", Compression.NONE, 3, Sha256.digest("hi\n".getBytes()),
            StoredBytes.ofFile(input, 0, 3).followedBy(() -> {
              checked.add("input.bin");
              throw new IOException("input.bin changed while it was written");
            }));

    assertThatThrownBy(() -> writer.writeAtomicallyHashed(target))
        .isInstanceOf(IOException.class)
        .hasMessage("input.bin changed while it was written");

    assertThat(checked).containsExactly("input.bin");
    assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactlyInAnyOrder(target, input);
    }
  }

  @Test
  void aPassingCheckLeavesTheBytesAsTheyAre() throws IOException {
    Path input = dir.resolve("input.bin");
    Files.write(input, "hi\n".getBytes());
    int[] checks = {0};
    PackWriter writer = new PackWriter()
        .add(1, "text", "greeting", Compression.NONE, 3, Sha256.digest("hi\n".getBytes()),
            StoredBytes.ofFile(input, 0, 3).followedBy(() -> checks[0]++));

    assertThat(Packs.bytes(writer)).isEqualTo(Packs.bytes(16, List.of(Item.raw(1, "text", "greeting", "hi\n"))));
    assertThat(checks[0]).isPositive();
  }

  @Test
  void bytesCanComeFromARangeOfAFile() throws IOException {
    Path cache = dir.resolve("cache.bin");
    Files.write(cache, new byte[] {0, 0, 'h', 'i', '\n', 0});
    PackWriter writer = new PackWriter()
        .add(1, "text", "greeting", Compression.NONE, 3, Sha256.digest("hi\n".getBytes()),
            StoredBytes.ofFile(cache, 2, 3));

    assertThat(Packs.bytes(writer)).isEqualTo(Packs.bytes(16, List.of(Item.raw(1, "text", "greeting", "hi\n"))));
  }

  @Test
  void aFileRangeLongerThanTheFileFailsTheWrite() throws IOException {
    Path cache = dir.resolve("short.bin");
    Files.write(cache, new byte[4]);
    PackWriter writer = new PackWriter()
        .add(1, "t", "a", Compression.NONE, 8, EMPTY, StoredBytes.ofFile(cache, 0, 8));

    assertThatThrownBy(() -> writer.writeTo(dir.resolve("x.pack")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ends before byte 8");
  }

  @Test
  void copyingEveryEntryOfAPackGivesTheSamePack() throws IOException {
    Path original = dir.resolve("original.pack");
    Packs.writer(16, Packs.varied()).writeTo(original);
    Path copy = dir.resolve("copy.pack");

    try (Pack pack = Pack.open(original)) {
      PackWriter writer = new PackWriter(16);
      for (PackEntry entry : pack.entries()) {
        writer.addCopyOf(pack, entry);
      }
      writer.writeTo(copy);
    }

    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(original));
  }

  @Test
  void aRebuildMixesCopiedAndNewEntries() throws IOException {
    Path old = dir.resolve("old.pack");
    Packs.writer(16, Packs.varied()).writeTo(old);
    List<Item> changed = new ArrayList<>(Packs.varied());
    changed.set(2, Item.raw(0x7fffffffffffffffL, "blob", "", "now with content"));

    byte[] rebuilt;
    try (Pack pack = Pack.open(old)) {
      PackWriter writer = new PackWriter(16);
      for (int i = 0; i < changed.size(); i++) {
        if (i == 2) {
          Item item = changed.get(i);
          writer.add(item.id(), item.type(), item.name(), item.compression(), item.rawSize(),
              item.hash(), StoredBytes.of(item.stored()));
        } else {
          writer.addCopyOf(pack, pack.entries().get(i));
        }
      }
      rebuilt = Packs.bytes(writer);
    }

    assertThat(rebuilt).isEqualTo(Packs.bytes(16, changed));
  }

  @ParameterizedTest(name = "alignment {0}")
  @ValueSource(ints = {1, 16, 4096, 65536})
  void writeAtomicallyHashedReturnsTheSizeAndSha256OfTheFile(int alignment) throws IOException {
    Path target = dir.resolve("game.pack");

    PackWriter.Written written = Packs.writer(alignment, Packs.varied()).writeAtomicallyHashed(target);

    byte[] file = Files.readAllBytes(target);
    assertThat(file).isEqualTo(Packs.bytes(alignment, Packs.varied()));
    assertThat(written).isEqualTo(new PackWriter.Written(file.length, Sha256.digest(file)));
  }

  @Test
  void theSha256OfAnEmptyPackIsThatOfTheFile() throws IOException {
    Path target = dir.resolve("empty.pack");

    PackWriter.Written written = new PackWriter(4096).writeAtomicallyHashed(target);

    byte[] file = Files.readAllBytes(target);
    assertThat(written).isEqualTo(new PackWriter.Written(file.length, Sha256.digest(file)));
  }

  @Test
  void theSha256OfOneEntryFromAFileIsThatOfTheFile() throws IOException {
    Path cache = dir.resolve("cache.bin");
    byte[] data = new byte[3 * (1 << 20) + 5]; // more than one chunk of a file source
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + (i >> 9));
    }
    Files.write(cache, data);
    Path target = dir.resolve("game.pack");

    PackWriter.Written written = new PackWriter(4096)
        .add(1, "blob", "big", Compression.NONE, data.length, Sha256.digest(data),
            StoredBytes.ofFile(cache, 0, data.length))
        .writeAtomicallyHashed(target);

    byte[] file = Files.readAllBytes(target);
    assertThat(written).isEqualTo(new PackWriter.Written(file.length, Sha256.digest(file)));
  }

  @Test
  void theSha256OfCopiedEntriesIsThatOfTheFile() throws IOException {
    Path old = dir.resolve("old.pack");
    Packs.writer(16, Packs.varied()).writeTo(old);
    Path copy = dir.resolve("copy.pack");

    PackWriter.Written written;
    try (Pack pack = Pack.open(old)) {
      PackWriter writer = new PackWriter(4096);
      for (PackEntry entry : pack.entries()) {
        writer.addCopyOf(pack, entry);
      }
      written = writer.writeAtomicallyHashed(copy);
    }

    byte[] file = Files.readAllBytes(copy);
    assertThat(file).isEqualTo(Packs.bytes(4096, Packs.varied()));
    assertThat(written).isEqualTo(new PackWriter.Written(file.length, Sha256.digest(file)));
  }

  @Test
  void writeHashedToGivesTheBytesOfWriteTo() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    PackWriter.Written written =
        Packs.writer(16, Packs.varied()).writeHashedTo(Channels.newChannel(out));

    assertThat(out.toByteArray()).isEqualTo(Packs.bytes(16, Packs.varied()));
    assertThat(written.sha256()).isEqualTo(Sha256.digest(out.toByteArray()));
  }

  @Test
  void bytesGivenWithTheirCrc32cAreReadOnceAndGiveTheSamePack() throws IOException {
    byte[] data = "known checksum".getBytes();
    int[] reads = {0, 0};
    PackWriter known = new PackWriter().add(1, "blob", "x", Compression.NONE, data.length, Sha256.digest(data),
        StoredBytes.of(data).withCrc32c(crc32c(data)).followedBy(() -> reads[0]++));
    PackWriter unknown = new PackWriter().add(1, "blob", "x", Compression.NONE, data.length, Sha256.digest(data),
        StoredBytes.of(data).followedBy(() -> reads[1]++));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    known.writeHashedTo(Channels.newChannel(out));
    byte[] unknownBytes = Packs.bytes(unknown);

    assertThat(out.toByteArray()).isEqualTo(unknownBytes).isEqualTo(Packs.bytes(16, List.of(Item.raw(1, "blob", "x", data))));
    assertThat(reads).containsExactly(1, 2);
  }

  @Test
  void bytesThatDoNotHaveTheCrc32cGivenFailTheAtomicWriteAndKeepTheOldPack() throws IOException {
    Path target = dir.resolve("game.pack");
    Files.write(target, new byte[] {1, 2, 3});
    byte[] data = "damaged".getBytes();
    PackWriter writer = new PackWriter()
        .add(0x2a, "blob", "x", Compression.NONE, data.length, Sha256.digest(data),
            StoredBytes.of(data).withCrc32c(crc32c(data) ^ 1));

    assertThatThrownBy(() -> writer.writeAtomicallyHashed(target))
        .isInstanceOfSatisfying(EntryChangedException.class, e -> assertThat(e.entryId()).isEqualTo(0x2a))
        .hasMessage("entry 000000000000002a: its stored bytes no longer have the CRC-32C given when it was added");

    assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void bytesThatChangeBetweenTheChecksumAndTheWriteFailTheWrite() {
    byte[] data = "changing".getBytes();
    PackWriter writer = new PackWriter()
        .add(7, "blob", "x", Compression.NONE, data.length, Sha256.digest(data),
            StoredBytes.of(data).followedBy(() -> data[0]++));

    assertThatThrownBy(() -> writer.writeHashedTo(Channels.newChannel(new ByteArrayOutputStream())))
        .isInstanceOf(EntryChangedException.class)
        .hasMessage("entry 0000000000000007: its stored bytes no longer have the CRC-32C they had when first read");
  }

  private static int crc32c(byte[] bytes) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  /** Adds an empty uncompressed entry of type "t". */
  private static PackWriter addEmpty(PackWriter writer, long id, String name) {
    return writer.add(id, "t", name, Compression.NONE, 0, EMPTY, StoredBytes.of(new byte[0]));
  }
}
