package packer.build;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.util.ZstdVersion;
import java.io.IOException;
import java.io.InputStream;
import packer.pack.Compression;
import packer.pack.EntryDecoder;

/**
 * How entries are compressed: {@code none}, or one zstd frame made by zstd-jni (pinned in the
 * build) at a fixed level on one thread, so the same raw bytes always give the same stored bytes.
 *
 * <p><b>Stored raw when compression does not pay.</b> An entry asked to be zstd is stored raw
 * unless the frame saves at least 1/32 of the raw size (about 3 %) and at least one byte: below
 * that, decoding costs the game more than the bytes saved. Empty entries are stored raw.
 */
public final class EntryCodec {

  /** The zstd level used unless configured. */
  public static final int DEFAULT_ZSTD_LEVEL = 3;

  /** The zstd-jni version compressing and decoding, e.g. {@code 1.5.7-28}. */
  public static final String ZSTD_VERSION = ZstdVersion.VERSION;

  /** What an entry's stored bytes are. */
  public record Encoded(Compression compression, byte[] stored) {}

  private EntryCodec() {}

  /** The label recorded in manifests and cache keys for {@code compression} (none or zstd). */
  public static String describe(String compression, int level) {
    return compression.equals("zstd") ? "zstd zstd-jni " + ZSTD_VERSION + " level " + level : "none";
  }

  /** Stores {@code raw} as asked ({@code none} or {@code zstd}), raw when zstd does not pay. */
  public static Encoded encode(byte[] raw, String compression, int level) {
    if (!compression.equals("zstd") || raw.length == 0) {
      return new Encoded(Compression.NONE, raw);
    }
    byte[] frame = Zstd.compress(raw, level);
    if (frame.length >= raw.length || frame.length > raw.length - raw.length / 32) {
      return new Encoded(Compression.NONE, raw);
    }
    return new Encoded(Compression.ZSTD, frame);
  }

  /** A decoder of the entries packer writes, for {@code Pack.verify} and extraction. */
  public static EntryDecoder decoder() {
    return EntryCodec::decode;
  }

  /** The raw bytes of a stored entry; {@code null} for a compression packer does not know. */
  public static InputStream decode(packer.pack.PackEntry entry, InputStream stored) throws IOException {
    if (entry.compression().equals(Compression.NONE)) {
      return stored;
    }
    if (entry.compression().equals(Compression.ZSTD)) {
      return new ZstdInputStream(stored);
    }
    return null;
  }
}
