package packer.relocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import packer.declaration.DeclarationReader;
import packer.id.AssetId;
import packer.json.CanonicalJson;
import packer.json.JsonDocument;
import packer.json.JsonSyntaxException;
import packer.scan.ResolvedInput;
import packer.scan.Sha256;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;

/**
 * Local memory of registered assets ({@code .packer/state/assets.json}): name, type and content
 * digest by id, refreshed whenever the workspace is read. Local state, never authority: losing it
 * only means a moved asset is matched by name and type alone.
 *
 * <p>Digests are recomputed only when an asset's asset.json or an input's size or modification
 * time changed, so a refresh of an unchanged workspace reads no input file.
 */
public final class AssetMemory {

  public static final String FILE = ".packer/state/assets.json";

  private final Path root;
  private final SortedMap<AssetId, Entry> entries;

  private record Entry(Remembered remembered, String declarationHash, String stamp) {}

  private AssetMemory(Path root, SortedMap<AssetId, Entry> entries) {
    this.root = root;
    this.entries = entries;
  }

  /** Loads the memory; a missing or unreadable file is an empty memory. */
  public static AssetMemory load(Path root) {
    SortedMap<AssetId, Entry> entries = new TreeMap<>();
    Path file = root.resolve(FILE);
    try {
      if (Files.isRegularFile(file)) {
        JsonNode node = JsonDocument.parse(Files.readAllBytes(file)).root();
        for (var it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          JsonNode value = field.getValue();
          if (AssetId.isWellFormed(field.getKey())) {
            entries.put(AssetId.parse(field.getKey()), new Entry(
                new Remembered(value.path("name").asText(), value.path("type").asText(), value.path("digest").asText()),
                value.path("declaration").asText(), value.path("stamp").asText()));
          }
        }
      }
    } catch (IOException | JsonSyntaxException unreadable) {
      entries.clear(); // A cache: start over.
    }
    return new AssetMemory(root, entries);
  }

  public Optional<Remembered> get(AssetId id) {
    Entry entry = entries.get(id);
    return entry == null ? Optional.empty() : Optional.of(entry.remembered());
  }

  /**
   * Remembers every registered asset present in {@code snapshot} and saves the memory if it
   * changed. Forgets nothing: a missing asset must stay recognizable.
   */
  public void refresh(Snapshot snapshot) throws IOException {
    boolean changed = false;
    for (Asset asset : snapshot.assetsById().values()) {
      if (asset.state() == AssetState.MISSING || asset.declaration().isEmpty()) {
        continue;
      }
      AssetId id = asset.id().orElseThrow();
      String declarationHash = snapshot.state().folders().get(asset.folder()).declarationHash();
      String stamp = stamp(asset);
      Entry old = entries.get(id);
      Remembered remembered = new Remembered(asset.name().orElseThrow(), asset.type().orElseThrow(),
          old != null && old.declarationHash().equals(declarationHash) && old.stamp().equals(stamp)
              ? old.remembered().digest()
              : digest(asset));
      Entry next = new Entry(remembered, declarationHash, stamp);
      if (!next.equals(old)) {
        entries.put(id, next);
        changed = true;
      }
    }
    if (changed) {
      save();
    }
  }

  /** The digest of an asset's asset.json bytes and its inputs' paths and contents. */
  public String digest(Asset asset) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    Path folder = root.resolve(asset.folder());
    digest.update(Files.readAllBytes(folder.resolve(DeclarationReader.FILE_NAME)));
    byte[] buffer = new byte[1 << 16];
    for (ResolvedInput input : asset.inputs()) {
      digest.update((input.path() + "\0").getBytes(StandardCharsets.UTF_8));
      try (InputStream in = Files.newInputStream(folder.resolve(input.path()))) {
        int n;
        while ((n = in.read(buffer)) > 0) {
          digest.update(buffer, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String stamp(Asset asset) {
    StringBuilder stamp = new StringBuilder();
    for (ResolvedInput input : asset.inputs()) {
      stamp.append(input.path()).append(':').append(input.size()).append(':')
          .append(input.modifiedMillis()).append(';');
    }
    return stamp.toString();
  }

  private void save() throws IOException {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    entries.forEach((id, entry) -> node.putObject(id.hex())
        .put("name", entry.remembered().name())
        .put("type", entry.remembered().type())
        .put("digest", entry.remembered().digest())
        .put("declaration", entry.declarationHash())
        .put("stamp", entry.stamp()));
    Path file = root.resolve(FILE);
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling("assets.json." + ProcessHandle.current().pid() + ".tmp");
    Files.write(temp, CanonicalJson.compact(node));
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
