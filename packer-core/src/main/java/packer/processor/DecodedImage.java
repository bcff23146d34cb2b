package packer.processor;

/**
 * A decoded image read row by row as 8-bit straight (not premultiplied) RGBA, whatever its file
 * stored, so the raw layout is written by one piece of code for PNG and JPEG alike.
 */
interface DecodedImage {

  /** Above this many pixels on a side, an image is refused before it is decoded. */
  int MAX_SIDE = 16384;

  /** Above this many pixels, an image is refused before it is decoded: 256 MiB as rgba8. */
  long MAX_PIXELS = 64L << 20;

  int width();

  int height();

  /** Fills {@code rgba} (4 × width) with row {@code y}, top row 0: R, G, B, A per pixel. */
  void row(int y, int[] rgba) throws ProcessingException;

  /** Refuses sizes over the limits, from the header alone, so huge images are never decoded. */
  static void checkSize(String path, String kind, long width, long height) throws ProcessingException {
    if (width < 1 || height < 1) {
      throw ProcessingException.inFile(path, "the " + kind + " header gives a size of " + width + "x"
          + height + " pixels; the file is damaged, re-export it");
    }
    if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
      throw ProcessingException.inFile(path, "the image is " + width + "x" + height
          + " pixels; the limit is " + MAX_SIDE + " pixels on a side and " + MAX_PIXELS
          + " pixels in all (256 MiB as rgba8): scale it down or split it");
    }
  }
}
