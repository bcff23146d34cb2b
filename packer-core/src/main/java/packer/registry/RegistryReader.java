package packer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.json.JsonDocument;
import packer.json.JsonSyntaxException;
import packer.json.Located;
import packer.path.PathOrder;
import packer.path.WorkspacePath;
import packer.scan.PayloadReader;
import packer.scan.Payloads;
import packer.scan.ScanCache;
import packer.scan.StatKey;

/** Reads every record under {@code registry/}, reporting the ones that do not parse or disagree. */
public final class RegistryReader {

  public static final int MAX_RECORD_BYTES = 64 * 1024;

  /** The registry read from disk, with a diagnostic for each record that could not be used. */
  public record Scan(Registry registry, List<Diagnostic> diagnostics) {
    public Scan {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  public Scan read(Path root) throws IOException {
    return read(root, ScanCache.disabled());
  }

  /**
   * Reads the registry, re-reading and re-parsing only the records whose stat changed since
   * {@code cache} was saved.
   */
  public Scan read(Path root, ScanCache cache) throws IOException {
    Path folder = root.resolve(Registry.FOLDER);
    List<Diagnostic> problems = new ArrayList<>();
    Map<AssetId, String> claimedBy = new TreeMap<>();
    SortedMap<AssetId, RegistryRecord> records = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return new Scan(Registry.empty(), problems);
    }
    // Records at their own path first, so a misplaced copy is judged the same whatever its name.
    Map<String, RegistryRecord> misplaced = new TreeMap<>(PathOrder.COMPARATOR);
    for (Named shard : sorted(folder)) {
      String shardPath = WorkspacePath.relativize(root, shard.path());
      if (!Files.isDirectory(shard.path())) {
        problems.add(Diagnostic.error(Code.BAD_REGISTRY_RECORD, shardPath, 0, 0,
            "unexpected file in registry/: packer owns this folder; move the file elsewhere"));
        continue;
      }
      for (Named entry : sorted(shard.path())) {
        Path file = entry.path();
        String name = entry.name();
        String path = isAscii(name) ? shardPath + "/" + name : WorkspacePath.relativize(root, file);
        RegistryRecord record = readRecord(file, path, problems, cache);
        if (record == null) {
          continue;
        }
        if (RegistryRecord.pathOf(record.id()).equals(path)) {
          claimedBy.put(record.id(), path);
          records.put(record.id(), record);
        } else {
          misplaced.put(path, record);
        }
      }
    }
    misplaced.forEach((path, record) -> {
      String expected = RegistryRecord.pathOf(record.id());
      boolean claimed = claimedBy.containsKey(record.id());
      problems.add(Diagnostic.error(claimed ? Code.ID_BOUND_TWICE : Code.BAD_REGISTRY_RECORD, path, 1, 1,
          "this record is for id " + record.id() + ", whose record lives at " + expected
              + (claimed
                  ? " too; the id is claimed twice (as after a bad merge): keep one record and delete the other"
                  : "; move it there")));
    });
    return new Scan(Registry.of(records), problems);
  }

  private static boolean isAscii(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static RegistryRecord readRecord(Path file, String path, List<Diagnostic> problems, ScanCache cache)
      throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException unreadable) {
      attributes = null; // As Files.isRegularFile: gone, a dangling link, a loop.
    }
    if (attributes == null || !attributes.isRegularFile() || !path.endsWith(".json")) {
      problems.add(Diagnostic.error(Code.BAD_REGISTRY_RECORD, path, 0, 0,
          "unexpected entry in registry/: records are registry/XX/YYYYYYYYYYYYYY.json"));
      return null;
    }
    StatKey key = StatKey.of(attributes);
    PayloadReader cached = cache.get(path, key);
    if (cached != null) {
      return decodeOutcome(cached, problems);
    }
    List<Diagnostic> own = new ArrayList<>();
    RegistryRecord record = parseRecord(file, path, attributes.size(), own);
    cache.put(path, key, encodeOutcome(record, own));
    problems.addAll(own);
    return record;
  }

  private static RegistryRecord parseRecord(Path file, String path, long size, List<Diagnostic> problems)
      throws IOException {
    if (size > MAX_RECORD_BYTES) {
      problems.add(Diagnostic.error(Code.BAD_REGISTRY_RECORD, path, 0, 0,
          "registry record is larger than " + MAX_RECORD_BYTES + " bytes; restore it from version control"));
      return null;
    }
    JsonDocument document;
    try {
      document = JsonDocument.parse(Files.readAllBytes(file));
    } catch (JsonSyntaxException e) {
      problems.add(Diagnostic.error(Code.BAD_REGISTRY_RECORD, path, e.line(), e.column(),
          "registry record does not parse (" + e.getMessage()
              + "); after a merge conflict, keep one side's folder and remove the conflict markers"));
      return null;
    }
    return decode(document, path, problems);
  }

  private static RegistryRecord decode(JsonDocument document, String path, List<Diagnostic> problems) {
    JsonNode root = document.root();
    JsonNode id = root.path("id");
    if (!root.isObject() || !id.isTextual() || !AssetId.isWellFormed(id.textValue())) {
      Located at = document.valueAt(root.isObject() ? "/id" : "");
      problems.add(Diagnostic.error(Code.BAD_REGISTRY_RECORD, path, at.line(), at.column(),
          "registry record needs \"id\": 16 lowercase hex digits; restore it from version control"));
      return null;
    }
    AssetId assetId = AssetId.parse(id.textValue());
    for (var it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("id") && !key.equals("folder") && !key.equals("retired")) {
        Located at = document.keyAt("/" + key);
        problems.add(Diagnostic.error(Code.BAD_REGISTRY_RECORD, path, at.line(), at.column(),
            "unknown key '" + key + "' in registry record; records hold only id, folder, retired"));
        return null;
      }
    }
    JsonNode retired = root.get("retired");
    JsonNode folder = root.get("folder");
    if (retired != null && retired.isBoolean() && retired.booleanValue() && folder == null) {
      return new RegistryRecord.Retired(assetId);
    }
    if (retired == null && folder != null && folder.isTextual()) {
      WorkspacePath.Result canonical = WorkspacePath.canonical(folder.textValue());
      if (canonical.isValid() && canonical.path().get().equals(folder.textValue())) {
        return new RegistryRecord.Bound(assetId, folder.textValue());
      }
    }
    Located at = document.valueAt(folder != null ? "/folder" : "");
    problems.add(Diagnostic.error(Code.BAD_REGISTRY_RECORD, path, at.line(), at.column(),
        "registry record must hold either \"folder\": a canonical relative path, or \"retired\": true"));
    return null;
  }

  private static final byte NONE = 0;
  private static final byte BOUND = 1;
  private static final byte RETIRED = 2;

  private static byte[] encodeOutcome(RegistryRecord record, List<Diagnostic> problems) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      if (record instanceof RegistryRecord.Bound bound) {
        out.writeByte(BOUND);
        out.writeLong(bound.id().value());
        ScanCache.writeString(out, bound.folder());
      } else if (record instanceof RegistryRecord.Retired retired) {
        out.writeByte(RETIRED);
        out.writeLong(retired.id().value());
      } else {
        out.writeByte(NONE);
      }
      Payloads.writeDiagnostics(out, problems);
    } catch (IOException impossible) {
      throw new java.io.UncheckedIOException(impossible);
    }
    return bytes.toByteArray();
  }

  private static RegistryRecord decodeOutcome(PayloadReader in, List<Diagnostic> problems) throws IOException {
    byte kind = in.readByte();
    RegistryRecord record = switch (kind) {
      case BOUND -> new RegistryRecord.Bound(new AssetId(in.readLong()), in.readString());
      case RETIRED -> new RegistryRecord.Retired(new AssetId(in.readLong()));
      default -> null;
    };
    problems.addAll(Payloads.readDiagnostics(in));
    return record;
  }

  /** A folder entry with its name, taken from the path once (each time costs a copy and a decode). */
  private record Named(Path path, String name) {}

  private static List<Named> sorted(Path folder) throws IOException {
    List<Named> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
      for (Path entry : stream) {
        String name = entry.getFileName().toString();
        if (!name.startsWith(".")) { // .gitkeep, .DS_Store
          entries.add(new Named(entry, name));
        }
      }
    }
    entries.sort((a, b) -> PathOrder.compare(a.name(), b.name()));
    return entries;
  }
}
