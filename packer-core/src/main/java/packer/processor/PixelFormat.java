package packer.processor;

/** The pixel layouts of the raw image entry, with the code written in its header. */
enum PixelFormat {
  RGBA8("rgba8", 1, 4),
  RGB8("rgb8", 2, 3),
  GRAY8("gray8", 3, 1);

  private final String param;
  private final int code;
  private final int channels;

  PixelFormat(String param, int code, int channels) {
    this.param = param;
    this.code = code;
    this.channels = channels;
  }

  /** The format named {@code param}, as written in {@code asset.json}. */
  static PixelFormat named(String param) {
    for (PixelFormat format : values()) {
      if (format.param.equals(param)) {
        return format;
      }
    }
    throw new IllegalArgumentException("no pixel format " + param);
  }

  String param() {
    return param;
  }

  int code() {
    return code;
  }

  int channels() {
    return channels;
  }

  boolean hasAlpha() {
    return this == RGBA8;
  }
}
