package packer.cli.bench;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A byte count as people type it: {@code 1048576}, {@code 512K}, {@code 200M}, {@code 2G} (powers of 1024). */
final class ByteSize implements ITypeConverter<Long> {

  @Override
  public Long convert(String text) {
    return parse(text);
  }

  static long parse(String text) {
    String trimmed = text.trim().toUpperCase(Locale.ROOT);
    if (trimmed.endsWith("IB")) {
      trimmed = trimmed.substring(0, trimmed.length() - 2);
    } else if (trimmed.endsWith("B")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    int shift = 0;
    if (!trimmed.isEmpty()) {
      switch (trimmed.charAt(trimmed.length() - 1)) {
        case 'K':
          shift = 10;
          break;
        case 'M':
          shift = 20;
          break;
        case 'G':
          shift = 30;
          break;
        default:
          break;
      }
    }
    String digits = shift == 0 ? trimmed : trimmed.substring(0, trimmed.length() - 1);
    try {
      long value = Long.parseLong(digits);
      if (value < 0 || value > (Long.MAX_VALUE >> shift)) {
        throw new TypeConversionException("'" + text + "' is not a byte count from 0 up");
      }
      return value << shift;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + text + "' is not a byte count: write e.g. 1048576, 512K, 200M or 2G");
    }
  }

  /** {@code 1.5 GiB}, {@code 12.0 MiB}, {@code 640 B}: for reports. */
  static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
