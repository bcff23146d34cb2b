package packer.pack;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes compressed entries for {@link Pack#verify(EntryDecoder)}, so the content hash of
 * compressed entries can be checked too while this jar stays free of codecs.
 *
 * <pre>{@code
 * pack.verify((entry, stored) ->
 *     entry.compression().equals(Compression.ZSTD) ? new ZstdInputStream(stored) : null);
 * }</pre>
 */
@FunctionalInterface
public interface EntryDecoder {

  /**
   * The raw bytes of {@code entry}, decoded from its {@code stored} bytes; or {@code null} when
   * this decoder does not know the entry's compression (its hash is then left unchecked).
   * Undecodable data should throw an {@link IOException}.
   */
  InputStream decode(PackEntry entry, InputStream stored) throws IOException;
}
