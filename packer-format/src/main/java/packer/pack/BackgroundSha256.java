package packer.pack;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 of a stream of bytes, computed on a thread of its own: the thread that hands the
 * bytes over (and writes them) goes on while another core hashes, instead of doing both in turn.
 * SHA-256 is the slowest step of writing a pack from bytes in the page cache.
 *
 * <p>The bytes are copied into a few chunks of 1 MiB as they are handed over, so the caller may
 * reuse its buffer at once; when every chunk waits to be hashed, {@link #update} waits too.
 * Not thread-safe: one thread updates, then asks for the {@link #digest}.
 */
final class BackgroundSha256 implements AutoCloseable {

  private static final int CHUNK = 1 << 20;
  private static final int CHUNKS = 4;
  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(CHUNKS + 1);
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(CHUNKS);
  private final Thread hasher;
  private volatile Throwable failure;
  private byte[] result; // written by the hasher before it ends, read after join
  private ByteBuffer filling;

  BackgroundSha256() {
    for (int i = 0; i < CHUNKS; i++) {
      free.add(ByteBuffer.allocate(CHUNK));
    }
    MessageDigest digest = Sha256.newDigest();
    hasher = new Thread(() -> {
      try {
        for (ByteBuffer chunk; (chunk = full.take()) != END; ) {
          digest.update(chunk);
          free.put(chunk.clear());
        }
        result = digest.digest();
      } catch (InterruptedException e) {
        // closed before the end: nobody wants the digest
      } catch (RuntimeException | Error e) {
        failure = e;
      }
    }, "packer-pack-sha256");
    hasher.setDaemon(true);
    hasher.start();
  }

  /** Adds the remaining bytes of {@code bytes}; its position is left alone. */
  void update(ByteBuffer bytes) throws InterruptedIOException {
    ByteBuffer source = bytes.duplicate();
    while (source.hasRemaining()) {
      if (filling == null) {
        filling = nextFree();
      }
      int n = Math.min(filling.remaining(), source.remaining());
      filling.put(source.slice(source.position(), n));
      source.position(source.position() + n);
      if (!filling.hasRemaining()) {
        hand(filling.flip());
        filling = null;
      }
    }
  }

  /** The SHA-256 of every byte added, once the hasher is through them. */
  Sha256 digest() throws InterruptedIOException {
    if (filling != null) {
      hand(filling.flip());
      filling = null;
    }
    hand(END);
    try {
      hasher.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing the pack");
    }
    checkAlive();
    return Sha256.of(result);
  }

  /** Stops the hasher if it still runs (the write failed); no digest after this. */
  @Override
  public void close() {
    hasher.interrupt();
  }

  private ByteBuffer nextFree() throws InterruptedIOException {
    try {
      while (true) {
        ByteBuffer chunk = free.poll(100, TimeUnit.MILLISECONDS);
        if (chunk != null) {
          return chunk;
        }
        checkAlive();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing the pack");
    }
  }

  private void hand(ByteBuffer chunk) throws InterruptedIOException {
    try {
      full.put(chunk); // never blocks: at most CHUNKS chunks and END are ever in the queue
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing the pack");
    }
  }

  private void checkAlive() {
    Throwable failed = failure;
    if (failed != null) {
      throw new IllegalStateException("hashing the pack failed", failed);
    }
    if (!hasher.isAlive() && result == null) {
      throw new IllegalStateException("the pack's hasher stopped before the end");
    }
  }
}
