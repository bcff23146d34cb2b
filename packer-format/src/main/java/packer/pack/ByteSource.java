package packer.pack;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The bytes of a pack, random access, handed out as read-only views rather than copies. */
interface ByteSource extends AutoCloseable {

  long size();

  /**
   * A read-only view of {@code length} bytes at {@code offset}, big-endian, position 0. The
   * caller has checked that the range lies inside {@link #size()}.
   */
  ByteBuffer slice(long offset, int length) throws IOException;

  @Override
  void close() throws IOException;
}
