package packer.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import packer.pack.Pack;
import packer.pack.PackEntry;
import packer.pack.PackFormatException;

/** What the pack commands share: opening a pack as typed, naming entries, reporting damage. */
final class PackFiles {

  private PackFiles() {}

  /**
   * Opens the pack the user typed, relative to where packer runs (or -C DIR).
   *
   * @throws DamagedPackException when it is not a pack or its metadata is damaged
   */
  static Pack open(PackerCommand root, String typed) throws IOException, DamagedPackException {
    try {
      return openAsTyped(root, typed);
    } catch (PackFormatException e) {
      throw new DamagedPackException(describe(typed, e, Optional.empty()), e);
    }
  }

  /** Opens the pack; a missing file is reported by the path as typed, never made absolute. */
  static Pack openAsTyped(PackerCommand root, String typed) throws IOException {
    if (Files.isDirectory(root.base().resolve(typed))) {
      throw new IOException(typed + ": is a folder, not a pack file");
    }
    try {
      return Pack.open(root.base().resolve(typed));
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(typed);
    } catch (AccessDeniedException e) {
      throw new AccessDeniedException(typed);
    } catch (PackFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException(typed + ": " + e.getMessage(), e);
    }
  }

  /** {@code PACK: offset N: entry ID (NAME): problem}, with the path as typed. */
  static String describe(String typed, PackFormatException e, Optional<Pack> pack) {
    StringBuilder text = new StringBuilder(typed).append(": offset ").append(e.offset()).append(": ");
    if (e.entryId().isPresent()) {
      long id = e.entryId().getAsLong();
      text.append("entry ").append(HexFormat.of().toHexDigits(id));
      pack.flatMap(p -> p.find(id)).ifPresent(entry -> text.append(" (").append(entry.name()).append(')'));
      text.append(": ");
    }
    return text.append(e.problem()).toString();
  }

  /**
   * The entry {@code ref} names: its full id, its name, or a unique prefix of at least 4 hex
   * digits of its id.
   */
  static PackEntry resolve(Pack pack, String ref) throws UsageException {
    String lower = ref.toLowerCase(Locale.ROOT);
    if (AssetRefs.isHex(lower) && lower.length() == 16) {
      Optional<PackEntry> exact = pack.find(Long.parseUnsignedLong(lower, 16));
      if (exact.isPresent()) {
        return exact.get();
      }
    }
    Optional<PackEntry> byName = pack.findByName(ref);
    if (byName.isPresent()) {
      return byName.get();
    }
    if (AssetRefs.isHex(lower) && lower.length() >= AssetRefs.MIN_PREFIX) {
      List<PackEntry> matches = new ArrayList<>();
      for (PackEntry entry : pack.entries()) {
        if (entry.idHex().startsWith(lower)) {
          matches.add(entry);
        }
      }
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        StringBuilder message = new StringBuilder("'" + ref + "' is the start of several ids:");
        for (PackEntry entry : matches) {
          message.append(' ').append(entry.idHex()).append(" (").append(entry.name()).append(')');
        }
        throw new UsageException(message.append("; type more digits").toString());
      }
    }
    throw new UsageException("no entry '" + ref + "' in the pack: give an id, a unique id prefix of at least "
        + AssetRefs.MIN_PREFIX + " hex digits, or a name (packer inspect lists them)");
  }
}
