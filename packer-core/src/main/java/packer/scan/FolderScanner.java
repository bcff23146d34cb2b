package packer.scan;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import packer.declaration.Declaration;
import packer.declaration.DeclarationReader;
import packer.declaration.ParsedDeclaration;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.json.Located;

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
    Path dir = root.resolve(folder);
    String hash = Sha256.hex(bytes);
    ParsedDeclaration parsed = reader.read(folder, bytes);
    List<Diagnostic> problems = new ArrayList<>(parsed.diagnostics());
    List<ResolvedInput> inputs = new ArrayList<>();
    if (parsed.declaration().isPresent()) {
      inputs = resolveInputs(folder, dir, parsed, files, problems);
    }
    return new FolderScan(folder, hash, parsed.declaration(), parsed.nameAt(), inputs, problems);
  }

  private List<ResolvedInput> resolveInputs(
      String folder, Path dir, ParsedDeclaration parsed, SortedMap<String, Boolean> files,
      List<Diagnostic> problems) throws IOException {
    String file = folder + "/" + DeclarationReader.FILE_NAME;
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
        Path path = dir.resolve(match);
        if (files.get(match)) {
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
        java.nio.file.attribute.BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (IOException gone) {
          attributes = null;
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
