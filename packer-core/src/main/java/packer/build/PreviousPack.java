package packer.build;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import packer.build.cache.FileStat;
import packer.build.cache.OutputRecord;
import packer.id.AssetId;
import packer.pack.Pack;
import packer.pack.PackEntry;
import packer.pack.PackFormatException;

/**
 * The pack the last build wrote at this path, opened to copy unchanged entries from, when it can
 * be trusted: its stat is still the one recorded when it was written (so nobody replaced or
 * touched it since) and {@link Pack#open} finds its header, index and string table sound
 * (checksums included). Anything else and the build does without it.
 */
final class PreviousPack implements Closeable {

  private final OutputRecord record;
  private final Pack pack;

  private PreviousPack(OutputRecord record, Pack pack) {
    this.record = record;
    this.pack = pack;
  }

  static Optional<PreviousPack> open(Path recordFile, Path packFile) throws IOException {
    Optional<OutputRecord> record = OutputRecord.load(recordFile);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (!FileStat.of(packFile).equals(record.get().pack())) {
        return Optional.empty();
      }
      Pack pack = Pack.open(packFile);
      return Optional.of(new PreviousPack(record.get(), pack));
    } catch (NoSuchFileException | PackFormatException e) {
      return Optional.empty();
    }
  }

  OutputRecord record() {
    return record;
  }

  Pack pack() {
    return pack;
  }

  /** The entry of {@code id} when the last build made it from the same {@code key}. */
  Optional<PackEntry> reusable(AssetId id, String key) {
    if (!key.equals(record.entryKeys().get(id.hex()))) {
      return Optional.empty();
    }
    return pack.find(id.value());
  }

  @Override
  public void close() throws IOException {
    pack.close();
  }
}
