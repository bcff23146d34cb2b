package packer.relocation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;
import packer.declaration.DeclarationReader;
import packer.id.AssetId;
import packer.json.JsonDocument;
import packer.json.JsonSyntaxException;
import packer.scan.Digest;
import packer.scan.ResolvedInput;
import packer.scan.Sha256;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;

/**
 * Local memory of registered assets ({@code .packer/state/assets.bin}): name, type and content
 * digest by id, refreshed whenever the workspace is read. Local state, never authority: losing it
 * only means a moved asset is matched by name and type alone.
 *
 * <p>Digests are recomputed only when an asset's asset.json or an input's size or modification
 * time changed, so a refresh of an unchanged workspace reads no input file. Kept in a compact
 * binary form (every read of the workspace loads it); one written as JSON by an earlier packer
 * ({@code assets.json}) is read when there is no binary one yet.
 */
public final class AssetMemory {

  public static final String FILE = ".packer/state/assets.bin";

  /** Where packer kept the memory before, as JSON. */
  public static final String LEGACY_FILE = ".packer/state/assets.json";

  private static final long MAGIC = 0x5041434b4d454d31L; // "PACKMEM1"

  private final Path root;
  private final SortedMap<AssetId, Entry> entries;
  private boolean saved;

  /**
   * @param declaration the digest of the asset.json bytes the content digest was made from
   * @param stamp a hash of the inputs' paths, sizes and times it was made from
   */
  private record Entry(String name, String type, Digest digest, Digest declaration, long stamp) {
    // Written out for the same reason as Digest's.
    @Override
    public boolean equals(Object other) {
      return other instanceof Entry that && name.equals(that.name) && type.equals(that.type)
          && digest.equals(that.digest) && declaration.equals(that.declaration) && stamp == that.stamp;
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, type, digest, declaration, stamp);
    }

    Remembered remembered() {
      return new Remembered(name, type, digest.hex());
    }
  }

  private AssetMemory(Path root, SortedMap<AssetId, Entry> entries, boolean saved) {
    this.root = root;
    this.entries = entries;
    this.saved = saved;
  }

  /** Loads the memory; a missing or unreadable file is an empty memory. */
  public static AssetMemory load(Path root) {
    SortedMap<AssetId, Entry> entries = new TreeMap<>();
    boolean saved = false;
    try {
      Path file = root.resolve(FILE);
      if (Files.isRegularFile(file)) {
        saved = readBinary(Files.readAllBytes(file), entries);
      } else if (Files.isRegularFile(root.resolve(LEGACY_FILE))) {
        readJson(Files.readAllBytes(root.resolve(LEGACY_FILE)), entries);
      }
    } catch (IOException | JsonSyntaxException | IllegalArgumentException unreadable) {
      entries.clear(); // A cache: start over.
    }
    return new AssetMemory(root, entries, saved);
  }

  /** @return whether {@code bytes} were a memory this packer wrote */
  private static boolean readBinary(byte[] bytes, SortedMap<AssetId, Entry> entries) throws IOException {
    if (bytes.length < 8 || !checksumMatches(bytes)) {
      return false;
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8));
    if (in.readLong() != MAGIC) {
      return false;
    }
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      AssetId id = new AssetId(in.readLong());
      String name = in.readUTF();
      String type = in.readUTF().intern();
      entries.put(id, new Entry(name, type, Digest.readFrom(in), Digest.readFrom(in), in.readLong()));
    }
    return in.available() == 0;
  }

  private static void readJson(byte[] bytes, SortedMap<AssetId, Entry> entries) throws JsonSyntaxException {
    JsonNode node = JsonDocument.parse(bytes).root();
    for (var it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (AssetId.isWellFormed(field.getKey())) {
        entries.put(AssetId.parse(field.getKey()), new Entry(value.path("name").asText(), value.path("type").asText(),
            Digest.ofHex(value.path("digest").asText()), Digest.ofHex(value.path("declaration").asText()),
            hash(value.path("stamp").asText())));
      }
    }
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
      Digest declaration = snapshot.state().folders().get(asset.folder()).declarationDigest();
      long stamp = stamp(asset);
      Entry old = entries.get(id);
      Digest digest = old != null && old.declaration().equals(declaration) && old.stamp() == stamp
          ? old.digest()
          : Digest.ofHex(digest(asset));
      Entry next = new Entry(asset.name().orElseThrow(), asset.type().orElseThrow(), digest, declaration, stamp);
      if (!next.equals(old)) {
        entries.put(id, next);
        changed = true;
      }
    }
    if (changed || !saved) {
      save(); // Also when it was read from JSON or a damaged file: next time it loads fast.
      saved = true;
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

  /** The inputs' paths, sizes and times, hashed: equal stamps mean the digest is still current. */
  private static long stamp(Asset asset) {
    StringBuilder stamp = new StringBuilder();
    for (ResolvedInput input : asset.inputs()) {
      stamp.append(input.path()).append(':').append(input.size()).append(':')
          .append(input.modifiedMillis()).append(';');
    }
    return hash(stamp);
  }

  /** 64-bit FNV-1a of the text's UTF-16 units. */
  private static long hash(CharSequence text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
    }
    return hash;
  }

  private void save() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 120);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeLong(MAGIC);
    out.writeInt(entries.size());
    for (Map.Entry<AssetId, Entry> item : entries.entrySet()) {
      Entry entry = item.getValue();
      out.writeLong(item.getKey().value());
      out.writeUTF(entry.name());
      out.writeUTF(entry.type());
      entry.digest().writeTo(out);
      entry.declaration().writeTo(out);
      out.writeLong(entry.stamp());
    }
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeLong(crc.getValue());
    out.flush();
    Path file = root.resolve(FILE);
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling("assets.bin." + ProcessHandle.current().pid() + ".tmp");
    Files.write(temp, bytes.toByteArray());
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static boolean checksumMatches(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    return crc.getValue() == ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
  }
}
