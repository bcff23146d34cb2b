package packer.pack;

/**
 * How an entry's stored bytes encode its raw bytes: a one-byte code in the pack index.
 *
 * <p>The reader only reports the code; decoding is the caller's business, so this jar stays
 * free of codecs. A pack written by a newer minor version may carry a code this reader does not
 * know: it is reported as is ({@link #isKnown()} is false) and its bytes can still be copied.
 */
public record Compression(int code) {

  /** Stored bytes are the raw bytes. */
  public static final Compression NONE = new Compression(0);

  /** Stored bytes are one zstd frame of the raw bytes. */
  public static final Compression ZSTD = new Compression(1);

  public Compression {
    if (code < 0 || code > 255) {
      throw new IllegalArgumentException("compression code must fit one unsigned byte: " + code);
    }
  }

  /** The compression for a code; unknown codes are allowed (see the class comment). */
  public static Compression of(int code) {
    if (code == 0) {
      return NONE;
    }
    if (code == 1) {
      return ZSTD;
    }
    return new Compression(code);
  }

  /** Whether this version of the format defines the code (0 none, 1 zstd). */
  public boolean isKnown() {
    return code == 0 || code == 1;
  }

  @Override
  public String toString() {
    if (code == 0) {
      return "none";
    }
    if (code == 1) {
      return "zstd";
    }
    return "unknown(" + code + ")";
  }
}
