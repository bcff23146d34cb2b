package packer.processor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What packer checks in a JPEG's markers before the JDK decodes it, so the pixels cannot depend on
 * the machine.
 *
 * <p>The JDK decodes JPEG with libjpeg: its own copy (6b) in most builds, the system's
 * libjpeg-turbo in some Linux ones. They give the same pixels except where turbo changed the
 * algorithm, so those cases are refused: 4:4:0 chroma subsampling (turbo upsamples it smoothly, 6b
 * repeats rows) and progressive images that leave coefficients unrefined (the two smooth such
 * blocks differently). Arithmetic coding (only turbo decodes it), lossless, hierarchical and
 * 12-bit JPEGs are refused too. Embedded ICC profiles are cut out before decoding, since with one
 * the JDK converts colors through its color management library.
 */
final class JpegHeader {

  final int width;
  final int height;
  final int components;
  private final List<int[]> iccSegments;

  private JpegHeader(int width, int height, int components, List<int[]> iccSegments) {
    this.width = width;
    this.height = height;
    this.components = components;
    this.iccSegments = iccSegments;
  }

  static JpegHeader read(String path, byte[] bytes) throws ProcessingException {
    Frame frame = null;
    List<int[]> icc = new ArrayList<>();
    int offset = 2;
    while (true) {
      if (offset + 2 > bytes.length) {
        throw ProcessingException.atByte(path, Math.min(offset, bytes.length),
            "the JPEG ends before its end marker: the file is truncated; re-export it");
      }
      if ((bytes[offset] & 0xFF) != 0xFF) {
        throw malformed(path, offset, "expected a marker");
      }
      int marker = bytes[offset + 1] & 0xFF;
      if (marker == 0xFF) {
        offset++; // Fill byte.
        continue;
      }
      if (marker == 0xD9) {
        if (frame == null) {
          throw malformed(path, offset, "no frame header (SOF) before the end marker");
        }
        frame.requireComplete(path);
        return new JpegHeader(frame.width, frame.height, frame.ids.length, icc);
      }
      if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
        offset += 2;
        continue;
      }
      if (offset + 4 > bytes.length) {
        throw ProcessingException.atByte(path, offset, "the JPEG is truncated; re-export it");
      }
      int length = (bytes[offset + 2] & 0xFF) << 8 | bytes[offset + 3] & 0xFF;
      int data = offset + 4;
      int end = offset + 2 + length;
      if (length < 2 || end > bytes.length) {
        throw ProcessingException.atByte(path, offset,
            "a JPEG marker segment runs past the end of the file: it is truncated; re-export it");
      }
      if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
        if (frame != null) {
          throw malformed(path, offset, "two frame headers (SOF)");
        }
        frame = Frame.read(path, bytes, offset, data, end, marker == 0xC2);
      } else if (marker >= 0xC3 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
          && marker != 0xCC) {
        throw ProcessingException.atByte(path, offset, "this JPEG is " + kind(marker)
            + ", which packer does not decode; save it as a baseline or progressive JPEG, or as PNG");
      } else if (marker == 0xE2 && isIcc(bytes, data, end)) {
        icc.add(new int[] {offset, end});
      } else if (marker == 0xDA) {
        if (frame == null) {
          throw malformed(path, offset, "image data before the frame header (SOF)");
        }
        frame.scan(path, bytes, offset, data, end);
        end = skipEntropyCodedData(bytes, end);
      }
      offset = end;
    }
  }

  /** The file without its ICC profile segments. */
  byte[] withoutIccProfile(byte[] bytes) {
    if (iccSegments.isEmpty()) {
      return bytes;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
    int from = 0;
    for (int[] segment : iccSegments) {
      out.write(bytes, from, segment[0] - from);
      from = segment[1];
    }
    out.write(bytes, from, bytes.length - from);
    return out.toByteArray();
  }

  private static boolean isIcc(byte[] bytes, int data, int end) {
    byte[] tag = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    return end - data >= tag.length
        && Arrays.equals(bytes, data, data + tag.length, tag, 0, tag.length);
  }

  /** The offset of the first marker after a scan's entropy-coded data. */
  private static int skipEntropyCodedData(byte[] bytes, int from) {
    int i = from;
    while (i + 1 < bytes.length) {
      if ((bytes[i] & 0xFF) == 0xFF) {
        int next = bytes[i + 1] & 0xFF;
        if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
          return i;
        }
        i += next == 0xFF ? 1 : 2;
      } else {
        i++;
      }
    }
    return bytes.length;
  }

  private static String kind(int marker) {
    if (marker >= 0xC9) {
      return "arithmetic-coded";
    }
    return marker == 0xC3 || marker == 0xC7 ? "lossless" : "hierarchical";
  }

  private static ProcessingException malformed(String path, int offset, String what) {
    return ProcessingException.atByte(path, offset,
        "the JPEG is malformed: " + what + "; re-export it");
  }

  /** The frame header and, for progressive images, how far each coefficient has been refined. */
  private static final class Frame {
    final int width;
    final int height;
    final int[] ids;
    /** Per component and coefficient: the last successive-approximation bit sent, -1 if none. */
    final int[][] refinedTo;
    final boolean progressive;

    private Frame(int width, int height, int[] ids, boolean progressive) {
      this.width = width;
      this.height = height;
      this.ids = ids;
      this.progressive = progressive;
      this.refinedTo = new int[ids.length][64];
      for (int[] coefficients : refinedTo) {
        Arrays.fill(coefficients, -1);
      }
    }

    static Frame read(String path, byte[] bytes, int offset, int data, int end, boolean progressive)
        throws ProcessingException {
      if (end - data < 6) {
        throw malformed(path, offset, "short frame header");
      }
      int precision = bytes[data] & 0xFF;
      int height = (bytes[data + 1] & 0xFF) << 8 | bytes[data + 2] & 0xFF;
      int width = (bytes[data + 3] & 0xFF) << 8 | bytes[data + 4] & 0xFF;
      int count = bytes[data + 5] & 0xFF;
      if (end - data != 6 + 3 * count) {
        throw malformed(path, offset, "frame header length does not match its components");
      }
      if (precision != 8) {
        throw ProcessingException.atByte(path, offset, "this JPEG has " + precision
            + "-bit samples; packer decodes 8-bit JPEGs only: save it as 8-bit JPEG or as PNG");
      }
      if (count == 4) {
        throw ProcessingException.atByte(path, offset,
            "this JPEG is CMYK; packer decodes gray and RGB JPEGs only: save it as RGB");
      }
      if (count != 1 && count != 3) {
        throw ProcessingException.atByte(path, offset, "this JPEG has " + count
            + " color components; packer decodes gray and RGB JPEGs only: save it as RGB");
      }
      int[] ids = new int[count];
      int maxH = 1;
      int maxV = 1;
      int[][] sampling = new int[count][];
      for (int c = 0; c < count; c++) {
        int at = data + 6 + 3 * c;
        ids[c] = bytes[at] & 0xFF;
        int h = (bytes[at + 1] & 0xFF) >> 4;
        int v = bytes[at + 1] & 0x0F;
        if (h < 1 || h > 4 || v < 1 || v > 4) {
          throw malformed(path, offset, "sampling factors out of range");
        }
        sampling[c] = new int[] {h, v};
        maxH = Math.max(maxH, h);
        maxV = Math.max(maxV, v);
      }
      for (int[] hv : sampling) {
        if (count > 1 && hv[0] == maxH && 2 * hv[1] == maxV) {
          throw ProcessingException.atByte(path, offset, "this JPEG uses 4:4:0 chroma subsampling"
              + " (full width, half height), which JPEG libraries upsample differently, so its"
              + " pixels would depend on the machine: save it with 4:4:4 or 4:2:0 subsampling,"
              + " or as PNG");
        }
      }
      return new Frame(width, height, ids, progressive);
    }

    void scan(String path, byte[] bytes, int offset, int data, int end) throws ProcessingException {
      int count = data < end ? bytes[data] & 0xFF : 0;
      if (count < 1 || end - data != 4 + 2 * count) {
        throw malformed(path, offset, "malformed scan header");
      }
      int tail = data + 1 + 2 * count;
      int start = bytes[tail] & 0xFF;
      int stop = bytes[tail + 1] & 0xFF;
      int high = (bytes[tail + 2] & 0xFF) >> 4;
      int low = bytes[tail + 2] & 0x0F;
      if (!progressive) {
        return;
      }
      if (start > stop || stop > 63) {
        throw malformed(path, offset, "scan covers no valid coefficients");
      }
      for (int s = 0; s < count; s++) {
        int component = indexOf(bytes[data + 1 + 2 * s] & 0xFF);
        if (component < 0) {
          throw malformed(path, offset, "scan names a component the frame does not have");
        }
        for (int k = start; k <= stop; k++) {
          int before = refinedTo[component][k];
          if (high == 0 ? before >= 0 : before != high) {
            throw malformed(path, offset, "successive approximation out of order");
          }
          refinedTo[component][k] = low;
        }
      }
    }

    void requireComplete(String path) throws ProcessingException {
      for (int[] coefficients : refinedTo) {
        for (int bits : coefficients) {
          if (progressive && bits != 0) {
            throw ProcessingException.inFile(path, "this progressive JPEG leaves some coefficients"
                + " unrefined; JPEG libraries smooth such images differently, so its pixels would"
                + " depend on the machine: save it again (as baseline, or progressive with the"
                + " encoder's standard scans), or as PNG");
          }
        }
      }
    }

    private int indexOf(int id) {
      for (int c = 0; c < ids.length; c++) {
        if (ids[c] == id) {
          return c;
        }
      }
      return -1;
    }
  }
}
