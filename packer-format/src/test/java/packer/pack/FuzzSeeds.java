package packer.pack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import packer.pack.Packs.Item;

/**
 * Writes the fuzz test's seed packs; run it again after a format change (it needs only the
 * compiled main and test classes):
 *
 * <pre>
 * java -cp packer-format/target/classes:packer-format/target/test-classes packer.pack.FuzzSeeds \
 *   packer-format/src/test/resources/packer/pack/PackReaderFuzzTestInputs/anyBytesGiveAPackOrAPackFormatException
 * </pre>
 */
final class FuzzSeeds {

  private FuzzSeeds() {}

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[0]);
    Files.createDirectories(folder);
    Files.write(folder.resolve("empty.pack"), Packs.bytes(16, List.of()));
    Files.write(folder.resolve("spec-example.pack"), Packs.bytes(16, Packs.specExample()));
    Files.write(folder.resolve("varied-align-1.pack"), Packs.bytes(1, Packs.varied()));
    Files.write(folder.resolve("varied-align-64.pack"), Packs.bytes(64, Packs.varied()));
    Files.write(
        folder.resolve("one-empty-entry.pack"),
        Packs.bytes(8, List.of(Item.raw(7, "blob", "e", new byte[0]))));
    Files.write(
        folder.resolve("newer-minor.pack"),
        Packs.asNewerMinorVersion(Packs.bytes(16, Packs.specExample()), 8, 8));
  }
}
