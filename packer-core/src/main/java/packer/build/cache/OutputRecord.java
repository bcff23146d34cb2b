package packer.build.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import packer.scan.Sha256;

/**
 * What the last build wrote to one pack path: the pack's and the manifest's stat and SHA-256, the
 * alignment, and the cache key of every entry by id. A rebuild trusts the pack on disk only while
 * its stat is still the recorded one (then it is the file that build wrote) and its header and
 * index check out; it then copies the stored bytes of entries whose key is unchanged, or leaves the
 * pack alone when nothing changed.
 *
 * <p>Kept in {@code .packer/cache/build/outputs/}, one file per pack path, sealed with a checksum
 * like the fingerprints: a damaged record is ignored.
 *
 * @param entryKeys cache key by entry id (16 lowercase hex digits), sorted
 * @param entryCrcs the CRC-32C of each entry's stored bytes as written, by entry id, where known:
 *     a rebuild copying the entry gives it to the pack writer instead of reading the bytes twice
 */
public record OutputRecord(
    FileStat pack, String packSha256, FileStat manifest, String manifestSha256, int alignment,
    Map<String, String> entryKeys, Map<String, Integer> entryCrcs) {

  private static final String MAGIC = "packer-output 1";

  public OutputRecord {
    entryKeys = java.util.Collections.unmodifiableMap(new TreeMap<>(entryKeys));
    entryCrcs = java.util.Collections.unmodifiableMap(new TreeMap<>(entryCrcs));
  }

  /** The record file for the pack at {@code pack} (any form of the path: it is made absolute). */
  public static Path fileFor(BuildCache cache, Path pack) {
    String where = pack.toAbsolutePath().normalize().toString();
    return cache.outputsFolder().resolve(Sha256.hex(where.getBytes(StandardCharsets.UTF_8)).substring(0, 32));
  }

  public static Optional<OutputRecord> load(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (java.nio.charset.CharacterCodingException e) {
      return Optional.empty();
    }
    int end = text.lastIndexOf("end ");
    if (!text.startsWith(MAGIC + "\n") || end < 0 || !text.endsWith("\n")
        || !text.substring(end + 4, text.length() - 1)
            .equals(Sha256.hex(text.substring(0, end).getBytes(StandardCharsets.UTF_8)))) {
      return Optional.empty();
    }
    try {
      String[] lines = text.substring(0, end).split("\n");
      String[] pack = lines[1].split(" ");
      String[] manifest = lines[2].split(" ");
      int alignment = Integer.parseInt(lines[3].substring("alignment ".length()));
      Map<String, String> keys = new TreeMap<>();
      Map<String, Integer> crcs = new TreeMap<>();
      for (int i = 4; i < lines.length; i++) {
        String[] entry = lines[i].split(" ");
        keys.put(entry[1], entry[2]);
        if (entry.length > 3) {
          crcs.put(entry[1], Integer.parseUnsignedInt(entry[3], 16));
        }
      }
      return Optional.of(new OutputRecord(stat(pack), pack[5], stat(manifest), manifest[5], alignment, keys, crcs));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public void save(Path file) throws IOException {
    StringBuilder text = new StringBuilder(MAGIC).append('\n');
    line(text, "pack", pack, packSha256);
    line(text, "manifest", manifest, manifestSha256);
    text.append("alignment ").append(alignment).append('\n');
    entryKeys.forEach((id, key) -> {
      text.append("entry ").append(id).append(' ').append(key);
      Integer crc = entryCrcs.get(id);
      if (crc != null) {
        text.append(' ').append(HexFormat.of().toHexDigits(crc));
      }
      text.append('\n');
    });
    String body = text.toString();
    AtomicFiles.write(file, (body + "end " + Sha256.hex(body.getBytes(StandardCharsets.UTF_8)) + "\n")
        .getBytes(StandardCharsets.UTF_8));
  }

  private static void line(StringBuilder text, String what, FileStat stat, String sha256) {
    text.append(what).append(' ').append(stat.size()).append(' ').append(stat.modifiedNanos()).append(' ')
        .append(stat.changedNanos()).append(' ').append(stat.key().isEmpty() ? "-" : stat.key().replace(' ', '_'))
        .append(' ').append(sha256).append('\n');
  }

  private static FileStat stat(String[] fields) {
    String key = fields[4].equals("-") ? "" : fields[4];
    return new FileStat(Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]), key);
  }
}
