package packer.pack;

import java.io.IOException;
import java.util.HexFormat;

/**
 * An entry's stored bytes were not, when the pack was written, what they were said to be when the
 * entry was added: another length, or another CRC-32C than the one given with {@link
 * StoredBytes#withCrc32c}. Their source changed (or is damaged); the write fails, and an atomic
 * write leaves the old pack in place.
 */
public final class EntryChangedException extends IOException {

  private final long entryId;

  EntryChangedException(long entryId, String what) {
    super("entry " + HexFormat.of().toHexDigits(entryId) + ": " + what);
    this.entryId = entryId;
  }

  /** The id of the entry whose bytes changed. */
  public long entryId() {
    return entryId;
  }
}
