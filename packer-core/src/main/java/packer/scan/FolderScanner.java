package packer.scan;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import packer.declaration.Declaration;
import packer.declaration.DeclarationReader;
import packer.declaration.ParsedDeclaration;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.json.Located;
import packer.path.PathOrder;

/** Reads one asset folder: parses its declaration and expands its inputs against its files. */
public final class FolderScanner {

  private final Path root;
  private final DeclarationReader reader;

  public FolderScanner(Path root, DeclarationReader reader) {
    this.root = root;
    this.reader = reader;
  }

  /**
   * @param files every file in the folder (not in nested asset folders), by its path inside the
   *     folder, in canonical order; true for a symbolic link
   */
  public FolderScan scan(String folder, SortedMap<String, Boolean> files) throws IOException {
    byte[] bytes = Files.readAllBytes(root.resolve(folder).resolve(DeclarationReader.FILE_NAME));
    return scan(folder, bytes, files);
  }

  /** Reads a folder as if its {@code asset.json} held {@code bytes}. */
  public FolderScan scan(String folder, byte[] bytes, SortedMap<String, Boolean> files) throws IOException {
    SortedMap<String, Listed> listed = new TreeMap<>(PathOrder.COMPARATOR);
    files.forEach((path, link) -> listed.put(path, new Listed(link, null)));
    return scan(folder, Digest.sha256(bytes), reader.read(folder, bytes), listed);
  }

  /** One file of an asset folder as the walk found it: a link or not, and its lstat when known. */
  record Listed(boolean link, BasicFileAttributes attributes) {}

  /**
   * Reads a folder whose files the walk listed and stat-ed, taking the parsed asset.json from
   * {@code cache} when its stat is unchanged.
   */
  FolderScan scan(String folder, SortedMap<String, Listed> files, ScanCache cache) throws IOException {
    String file = folder + "/" + DeclarationReader.FILE_NAME;
    Listed self = files.get(DeclarationReader.FILE_NAME);
    BasicFileAttributes attributes = self != null && !self.link() && self.attributes() != null
        ? self.attributes()
        : Files.readAttributes(root.resolve(file), BasicFileAttributes.class);
    StatKey key = StatKey.of(attributes);
    PayloadReader cached = cache.get(file, key);
    if (cached != null) {
      Digest digest = Digest.readFrom(cached);
      return scan(folder, digest, decode(cached), files);
    }
    byte[] bytes = Files.readAllBytes(root.resolve(file));
    Digest digest = Digest.sha256(bytes);
    ParsedDeclaration parsed = reader.read(folder, bytes);
    cache.put(file, key, encode(digest, parsed));
    return scan(folder, digest, parsed, files);
  }

  private FolderScan scan(String folder, Digest digest, ParsedDeclaration parsed, SortedMap<String, Listed> files)
      throws IOException {
    List<Diagnostic> problems = new ArrayList<>(parsed.diagnostics());
    List<ResolvedInput> inputs = new ArrayList<>();
    if (parsed.declaration().isPresent()) {
      inputs = resolveInputs(folder, parsed, files, problems);
    }
    return new FolderScan(folder, digest, parsed.declaration().map(FolderScanner::shared), shared(parsed.nameAt()),
        inputs, problems);
  }

  /** The type and tags are a small vocabulary: one instance of each word, not one per asset. */
  private static Declaration shared(Declaration declaration) {
    List<String> tags = declaration.tags();
    if (!tags.isEmpty()) {
      List<String> interned = new ArrayList<>(tags.size());
      tags.forEach(tag -> interned.add(tag.intern()));
      tags = interned;
    }
    return new Declaration(declaration.name(), declaration.type().intern(), declaration.inputs(),
        declaration.params().length() <= 64 ? declaration.params().intern() : declaration.params(), tags,
        declaration.compression());
  }

  private static final Located[][] LOCATIONS = new Located[16][64];

  static {
    for (int line = 0; line < LOCATIONS.length; line++) {
      for (int column = 0; column < LOCATIONS[line].length; column++) {
        LOCATIONS[line][column] = new Located(line, column);
      }
    }
  }

  /** Where a name is written is nearly always one of a few places: share those. */
  private static Located shared(Located at) {
    return at.line() >= 0 && at.line() < LOCATIONS.length && at.column() >= 0 && at.column() < LOCATIONS[0].length
        ? LOCATIONS[at.line()][at.column()]
        : at;
  }

  private static byte[] encode(Digest digest, ParsedDeclaration parsed) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      digest.writeTo(out);
      Optional<Declaration> declaration = parsed.declaration();
      out.writeBoolean(declaration.isPresent());
      if (declaration.isPresent()) {
        Declaration d = declaration.get();
        ScanCache.writeString(out, d.name());
        ScanCache.writeString(out, d.type());
        Payloads.writeStrings(out, d.inputs());
        ScanCache.writeString(out, d.params());
        Payloads.writeStrings(out, d.tags());
        ScanCache.writeString(out, d.compression().orElse(""));
      }
      out.writeInt(parsed.nameAt().line());
      out.writeInt(parsed.nameAt().column());
      out.writeInt(parsed.inputsAt().size());
      for (Located at : parsed.inputsAt()) {
        out.writeInt(at.line());
        out.writeInt(at.column());
      }
      Payloads.writeDiagnostics(out, parsed.diagnostics());
    } catch (IOException impossible) {
      throw new java.io.UncheckedIOException(impossible);
    }
    return bytes.toByteArray();
  }

  private static ParsedDeclaration decode(PayloadReader in) throws IOException {
    Optional<Declaration> declaration = Optional.empty();
    if (in.readBoolean()) {
      String name = in.readString();
      String type = in.readString();
      List<String> inputs = Payloads.readStrings(in);
      String params = in.readString();
      List<String> tags = Payloads.readStrings(in);
      String compression = in.readString();
      declaration = Optional.of(new Declaration(name, type, inputs, params, tags,
          compression.isEmpty() ? Optional.empty() : Optional.of(compression.intern())));
    }
    Located nameAt = new Located(in.readInt(), in.readInt());
    int count = in.readInt();
    List<Located> inputsAt = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      inputsAt.add(new Located(in.readInt(), in.readInt()));
    }
    List<Diagnostic> diagnostics = Payloads.readDiagnostics(in);
    if (!in.atEnd()) {
      throw new IOException("cached declaration has trailing bytes");
    }
    return new ParsedDeclaration(declaration, nameAt, inputsAt, diagnostics);
  }

  private List<ResolvedInput> resolveInputs(
      String folder, ParsedDeclaration parsed, SortedMap<String, Listed> files,
      List<Diagnostic> problems) throws IOException {
    String file = folder + "/" + DeclarationReader.FILE_NAME;
    Path dir = null; // Made only for an input the walk could not stat: most folders need none.
    Declaration declaration = parsed.declaration().orElseThrow();
    List<ResolvedInput> resolved = new ArrayList<>();
    Path realDir = null;
    for (int i = 0; i < declaration.inputs().size(); i++) {
      String pattern = declaration.inputs().get(i);
      if (!isSafe(pattern)) {
        continue; // Already reported by the declaration reader.
      }
      List<String> matches = new ArrayList<>();
      if (isGlob(pattern)) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        for (String candidate : files.keySet()) {
          if (!candidate.equals(DeclarationReader.FILE_NAME) && matcher.matches(Path.of(candidate))) {
            matches.add(candidate);
          }
        }
      } else if (files.containsKey(pattern)) {
        matches.add(pattern);
      }
      final int index = i;
      java.util.function.Supplier<Located> where = () -> parsed.inputAt(index);
      if (matches.isEmpty()) {
        Located at = where.get();
        problems.add(Diagnostic.error(Code.MISSING_INPUT, file, at.line(), at.column(),
            (isGlob(pattern) ? "input pattern '" + pattern + "' matches no file" : "input '" + pattern + "' does not exist")
                + " in " + folder + "/; add the file or fix the path"));
        continue;
      }
      for (String match : matches) {
        Listed listed = files.get(match);
        if (listed.link() || listed.attributes() == null) {
          dir = dir == null ? root.resolve(folder) : dir;
        }
        Path path = dir == null ? null : dir.resolve(match);
        if (listed.link()) {
          Located at = where.get();
          if (realDir == null) {
            realDir = dir.toRealPath();
          }
          Path target;
          try {
            target = path.toRealPath();
          } catch (IOException dangling) {
            problems.add(Diagnostic.error(Code.MISSING_INPUT, file, at.line(), at.column(),
                "input '" + match + "' is a link to nothing; fix or remove the link"));
            continue;
          }
          if (!target.startsWith(realDir)) {
            problems.add(Diagnostic.error(Code.ESCAPING_INPUT, file, at.line(), at.column(),
                "input '" + match + "' is a link that leads outside the asset folder; copy the file in instead"));
            continue;
          }
        }
        BasicFileAttributes attributes = listed.link() ? null : listed.attributes();
        if (attributes == null) {
          try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
          } catch (IOException gone) {
            attributes = null;
          }
        }
        if (attributes == null || !attributes.isRegularFile()) {
          Located at = where.get();
          problems.add(Diagnostic.error(Code.MISSING_INPUT, file, at.line(), at.column(),
              "input '" + match + "' is not a regular file"));
          continue;
        }
        resolved.add(new ResolvedInput(match, attributes.size(), attributes.lastModifiedTime().toMillis()));
      }
    }
    resolved.sort((a, b) -> packer.path.PathOrder.compare(a.path(), b.path()));
    List<ResolvedInput> unique = new ArrayList<>();
    for (ResolvedInput input : resolved) {
      if (unique.isEmpty() || !unique.get(unique.size() - 1).path().equals(input.path())) {
        unique.add(input);
      }
    }
    return unique;
  }

  private static boolean isSafe(String pattern) {
    return packer.path.WorkspacePath.canonical(pattern).isValid();
  }

  static boolean isGlob(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
    }
    return false;
  }
}
