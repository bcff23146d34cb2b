package packer.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class EntryInputStreamTest {

  private final ByteSource source = new BufferSource(ByteBuffer.wrap("0123456789abcdef".getBytes()));

  @Test
  void readsTheRangeAcrossChunks() throws IOException {
    InputStream in = new EntryInputStream(source, 2, 11, 3);

    assertThat(new String(in.readAllBytes())).isEqualTo("23456789abc");
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void readsOneByteAtATimeUnsigned() throws IOException {
    ByteSource high = new BufferSource(ByteBuffer.wrap(new byte[] {(byte) 0xff, 1}));
    InputStream in = new EntryInputStream(high, 0, 2, 1);

    assertThat(in.read()).isEqualTo(255);
    assertThat(in.read()).isEqualTo(1);
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void skipsWithinAndAcrossChunks() throws IOException {
    InputStream in = new EntryInputStream(source, 0, 16, 4);
    in.read();

    assertThat(in.skip(2)).isEqualTo(2);
    assertThat((char) in.read()).isEqualTo('3');
    assertThat(in.skip(7)).isEqualTo(7);
    assertThat((char) in.read()).isEqualTo('b');
    assertThat(in.skip(100)).isEqualTo(4);
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void availableCountsWhatIsLeft() throws IOException {
    InputStream in = new EntryInputStream(source, 4, 10, 3);
    in.read();

    assertThat(in.available()).isEqualTo(9);
  }

  @Test
  void anEmptyRangeIsAtItsEnd() throws IOException {
    assertThat(new EntryInputStream(source, 16, 0, 3).read()).isEqualTo(-1);
  }
}
