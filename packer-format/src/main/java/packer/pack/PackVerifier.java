package packer.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * One sequential pass over a pack that checks every byte after the header: padding is zero,
 * uncompressed entries hash to their content hash, and the whole matches the body checksum.
 * Reads in chunks, so memory stays constant whatever the pack's size.
 */
final class PackVerifier {

  private static final int CHUNK = 1 << 22;

  private final ByteSource source;
  private final Header header;
  private final PackEntry[] entries;
  private final String sourceName;
  private final Function<PackEntry, InputStream> streams;
  private final CRC32C body = new CRC32C();

  PackVerifier(
      ByteSource source,
      Header header,
      PackEntry[] entries,
      String sourceName,
      Function<PackEntry, InputStream> streams) {
    this.source = source;
    this.header = header;
    this.entries = entries;
    this.sourceName = sourceName;
    this.streams = streams;
  }

  void verify(EntryDecoder decoder) throws IOException {
    Header now = Header.read(source, sourceName);
    if (!now.equals(header)) {
      throw new PackFormatException(
          sourceName, 0, "the header changed since the pack was opened (rewritten in place?)");
    }
    feed(header.headerSize(), header.dataOffset(), null);
    long position = header.dataOffset();
    for (PackEntry entry : entries) {
      checkPadding(position, entry.dataOffset(), entry);
      boolean raw = entry.compression().equals(Compression.NONE);
      MessageDigest sha = raw ? Sha256.newDigest() : null;
      feed(entry.dataOffset(), entry.dataOffset() + entry.storedSize(), sha);
      if (raw) {
        checkHash(entry, sha.digest());
      } else {
        checkDecoded(entry, decoder);
      }
      position = entry.dataOffset() + entry.storedSize();
    }
    feed(position, header.fileSize(), null);
    int computed = (int) body.getValue();
    if (computed != header.bodyCrc()) {
      throw Header.checksumMismatch(
          sourceName,
          header.headerSize(),
          "body (padding, index and uncompressed entries are sound: a compressed entry is damaged)",
          header.headerSize(),
          header.fileSize(),
          header.bodyCrc(),
          computed);
    }
  }

  /** Adds bytes {@code from..to} to the body checksum and, if given, to {@code sha}. */
  private void feed(long from, long to, MessageDigest sha) throws IOException {
    for (long at = from; at < to; ) {
      int length = (int) Math.min(CHUNK, to - at);
      ByteBuffer chunk = source.slice(at, length);
      body.update(chunk.duplicate());
      if (sha != null) {
        sha.update(chunk);
      }
      at += length;
    }
  }

  private void checkPadding(long from, long to, PackEntry next) throws IOException {
    for (long at = from; at < to; ) {
      int length = (int) Math.min(CHUNK, to - at);
      ByteBuffer chunk = source.slice(at, length);
      for (int i = 0; i < length; i++) {
        if (chunk.get(i) != 0) {
          throw new PackFormatException(
              sourceName,
              at + i,
              "padding before entry " + next.idHex() + " is not zero");
        }
      }
      body.update(chunk);
      at += length;
    }
  }

  private void checkHash(PackEntry entry, byte[] digest) throws PackFormatException {
    if (!entry.contentHash().matches(digest)) {
      throw new PackFormatException(
          sourceName,
          entry.dataOffset(),
          entry.id(),
          "'" + entry.name() + "': content hash mismatch (index says " + entry.contentHash().hex()
              + ", data hashes to " + Sha256.wrap(digest).hex() + ")");
    }
  }

  /** Decodes at most rawSize + 1 bytes, so a bad stream cannot make this run long. */
  private void checkDecoded(PackEntry entry, EntryDecoder decoder) throws PackFormatException {
    MessageDigest sha = Sha256.newDigest();
    long count = 0;
    try (InputStream stored = streams.apply(entry)) {
      InputStream raw = decoder.decode(entry, stored);
      if (raw == null) {
        return;
      }
      try (raw) {
        byte[] buffer = new byte[8192];
        for (int n; count <= entry.rawSize() && (n = raw.read(buffer)) != -1; ) {
          sha.update(buffer, 0, n);
          count += n;
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new PackFormatException(
          sourceName,
          entry.dataOffset(),
          true,
          entry.id(),
          "'" + entry.name() + "': " + entry.compression() + " data does not decode: " + e,
          e);
    }
    if (count != entry.rawSize()) {
      throw new PackFormatException(
          sourceName,
          entry.dataOffset(),
          entry.id(),
          "'" + entry.name() + "': decodes to " + (count > entry.rawSize() ? "more than " : "")
              + count + " bytes, the index says " + entry.rawSize());
    }
    checkHash(entry, sha.digest());
  }
}
