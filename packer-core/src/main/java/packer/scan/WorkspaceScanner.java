package packer.scan;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import packer.declaration.DeclarationReader;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.path.PathOrder;
import packer.path.WorkspacePath;
import packer.registry.Registry;
import packer.registry.RegistryRecord;
import packer.workspace.WorkspaceConfig;

/**
 * Walks the workspace's scan roots and reads every asset folder found: one pass over the tree,
 * then each folder read independently. Also finds nested asset folders and case-only collisions.
 */
public final class WorkspaceScanner {

  /** Every asset folder found, by path, and the problems that belong to no single folder. */
  public record Result(SortedMap<String, FolderScan> folders, List<Diagnostic> diagnostics) {}

  private final Path root;
  private final WorkspaceConfig config;
  private final FolderScanner folderScanner;
  private final int split;

  public WorkspaceScanner(Path root, WorkspaceConfig config, FolderScanner folderScanner) {
    this(root, config, folderScanner, 64);
  }

  /**
   * @param split how many folders the top of the tree, walked breadth first, must have left before
   *     two threads share them (fewer: this thread walks the whole tree)
   */
  WorkspaceScanner(Path root, WorkspaceConfig config, FolderScanner folderScanner, int split) {
    this.root = root;
    this.config = config;
    this.folderScanner = folderScanner;
    this.split = split;
  }

  public Result scan() throws IOException {
    return scan(ScanCache.disabled(), Map.of());
  }

  /**
   * Walks the tree and reads every asset folder, taking each unchanged folder's listing and each
   * unchanged asset.json's parse from {@code cache}.
   *
   * @param knownFolders folder paths already held (the registry's), so that a folder's path is
   *     one string in memory, not one per structure that names it
   */
  public Result scan(ScanCache cache, Map<String, String> knownFolders) throws IOException {
    return scan(cache, () -> knownFolders);
  }

  /**
   * As {@link #scan(ScanCache, Map)}, asking for the known folders only once the tree is walked
   * (so that they can be read meanwhile).
   */
  public Result scan(ScanCache cache, java.util.function.Supplier<Map<String, String>> knownFolders)
      throws IOException {
    Walk walk = new Walk(cache, new java.util.ArrayDeque<>());
    for (String scanRoot : new TreeSet<>(config.roots())) {
      Path start = scanRoot.equals(".") ? root : root.resolve(scanRoot);
      if (Files.isDirectory(start)) {
        walk.start(start);
      }
    }
    walk.finish();
    Map<String, String> known = knownFolders.get();
    SortedMap<String, FolderScan> folders = new TreeMap<>(PathOrder.COMPARATOR);
    // Folders are independent: read them in parallel, then keep them by path, so the result is the
    // same whatever the order they finished in.
    List<FolderScan> scans;
    try {
      scans = new ArrayList<>(walk.filesByAsset.entrySet()).parallelStream()
          .map(entry -> {
            try {
              return folderScanner.scan(known.getOrDefault(entry.getKey(), entry.getKey()), entry.getValue(), cache);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })
          .collect(java.util.stream.Collectors.toList());
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    for (FolderScan scan : scans) {
      folders.put(scan.folder(), scan);
    }
    List<Diagnostic> problems = new ArrayList<>(walk.problems);
    problems.addAll(caseCollisions(walk.allPaths));
    problems.sort(Diagnostic.ORDER);
    return new Result(folders, problems);
  }

  /** The registry's folder paths, each as the one string the registry holds, for {@link #scan}. */
  public static Map<String, String> foldersOf(Registry registry) {
    Map<String, String> folders = new HashMap<>(registry.size() * 4 / 3 + 1);
    for (RegistryRecord record : registry.records().values()) {
      if (record instanceof RegistryRecord.Bound bound) {
        folders.put(bound.folder(), bound.folder());
      }
    }
    return folders;
  }

  /** Reads one asset folder again, as the lane does after a commit touched it. */
  public FolderScan rescan(String folder) throws IOException {
    return folderScanner.scan(folder, filesOf(root, folder));
  }

  /** The files of one asset folder, by path inside it, not descending into nested asset folders. */
  public static SortedMap<String, Boolean> filesOf(Path root, String folder) throws IOException {
    Path dir = root.resolve(folder);
    SortedMap<String, Boolean> files = new TreeMap<>(PathOrder.COMPARATOR);
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path sub, BasicFileAttributes attrs) {
        if (!sub.equals(dir) && (isHidden(sub) || !isNfc(sub) || Files.exists(sub.resolve(DeclarationReader.FILE_NAME)))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (!isHidden(file) && isNfc(file)) {
          files.put(WorkspacePath.relativize(dir, file), attrs.isSymbolicLink());
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return files;
  }

  /**
   * Packer stores paths in Unicode NFC; a name written decomposed (as macOS may write it) would
   * not be found again under its stored form on Linux, so it is reported and left alone.
   */
  private static boolean isNfc(Path path) {
    return isNfc(path.getFileName().toString());
  }

  private static boolean isNfc(String name) {
    for (int i = 0; i < name.length(); i++) {
      // Below U+0300 every character is NFC and composes with nothing before it.
      if (name.charAt(i) >= '\u0300') {
        return java.text.Normalizer.isNormalized(name, java.text.Normalizer.Form.NFC);
      }
    }
    return true;
  }

  private static Diagnostic nonNfc(String path, String kind) {
    return Diagnostic.error(Code.NON_NFC_PATH, path, 1, 1, "this " + kind
        + " name is not in Unicode NFC form (as macOS may write it), so it would not be found again;"
        + " rename it, typing the name anew");
  }

  private static boolean isHidden(Path path) {
    return isHidden(path.getFileName().toString());
  }

  private static boolean isHidden(String name) {
    return name.startsWith(".");
  }

  /**
   * Paths that differ only by case, reported once at the topmost clash: when two folders clash,
   * their contents are not reported again.
   */
  private List<Diagnostic> caseCollisions(List<String> paths) {
    // A list only for the rare folded path that more than one path has.
    Map<String, String> firstByFolded = new HashMap<>(paths.size() * 4 / 3 + 1);
    Map<String, List<String>> clashing = new HashMap<>();
    for (String path : paths) {
      String folded = path.toLowerCase(Locale.ROOT);
      String first = firstByFolded.putIfAbsent(folded, path);
      if (first != null) {
        clashing.computeIfAbsent(folded, k -> new ArrayList<>(List.of(first))).add(path);
      }
    }
    List<List<String>> groups = new ArrayList<>();
    for (List<String> group : clashing.values()) {
      group.sort(PathOrder.COMPARATOR);
      groups.add(group);
    }
    groups.sort((a, b) -> PathOrder.compare(a.get(0), b.get(0)));
    List<String> reported = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (List<String> group : groups) {
      String first = group.get(0);
      if (reported.stream().anyMatch(top -> WorkspacePath.isWithin(first.toLowerCase(Locale.ROOT), top))) {
        continue;
      }
      reported.add(first.toLowerCase(Locale.ROOT));
      for (String path : group) {
        List<String> others = new ArrayList<>(group);
        others.remove(path);
        problems.add(Diagnostic.error(Code.CASE_COLLISION, path, 0, 0,
            "'" + path + "' differs from '" + String.join("', '", others)
                + "' only by case, which breaks on macOS and Windows; rename one of them"));
      }
    }
    return problems;
  }

  /**
   * One pass over the tree: the entries of each folder, and an lstat of each entry of a folder it
   * read, whose result is kept for the folder scan (an input's size and time, asset.json's stat
   * key) instead of asked again. A folder whose stat is unchanged since the cache listed it is not
   * read again: its entries come from the cache, and the folder scan stats the files it needs.
   * Hidden, reserved and excluded folders are not entered; links are not followed.
   *
   * <p>The top of the tree is walked breadth first until it has {@code split} folders left to
   * walk; those are then shared by two threads pulling the next one in turn, each walking a folder
   * with all it holds and keeping what it finds apart, merged at the end (the caller sorts it).
   */
  private final class Walk {
    final Map<String, SortedMap<String, FolderScanner.Listed>> filesByAsset = new HashMap<>();
    final List<Diagnostic> problems = new ArrayList<>();
    final List<String> allPaths = new ArrayList<>();
    final List<PathMatcher> excludes;
    final ScanCache cache;
    final boolean keepsListings;
    /** Whether a folder was read from disk rather than taken from the cache. */
    boolean listedAgain;
    /** Each scan root's listing, by path. */
    final Map<String, Listing> roots = new TreeMap<>();
    /** Folders outside asset folders left to walk, or null for a walk that descends into them. */
    final java.util.Deque<Pending> frontier;

    /**
     * @param cached the folder's listing as last walked, or null
     * @param parent the listing that keeps this walk's listing of the folder, at {@code slot}
     */
    record Pending(Path dir, String path, String name, Listing cached, Listing parent, int slot) {}

    Walk(ScanCache cache, java.util.Deque<Pending> frontier) {
      this.cache = cache;
      this.keepsListings = cache.keepsListings();
      this.frontier = frontier;
      excludes = new ArrayList<>();
      for (String pattern : config.excludes()) {
        excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
      }
    }

    void start(Path start) throws IOException {
      BasicFileAttributes attributes =
          Files.readAttributes(start, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      String path = start.equals(root) ? "" : WorkspacePath.relativize(root, start);
      String name = start.getFileName() == null ? "" : start.getFileName().toString();
      if (attributes.isDirectory()) {
        Listing listing = directory(start, path, name, "", cache.listing(path));
        if (listing != null) {
          roots.put(path, listing);
        }
      } else {
        file(path, name, attributes.isSymbolicLink(), attributes, "", null);
      }
      while (!frontier.isEmpty() && frontier.size() < split) {
        walk(frontier.poll());
      }
    }

    /** Walks the folders left, on this thread and one more when there are enough. */
    void finish() throws IOException {
      List<Pending> left = new ArrayList<>(frontier);
      frontier.clear();
      AtomicInteger next = new AtomicInteger();
      Walk helper = new Walk(cache, null);
      CompletableFuture<Void> helped = new CompletableFuture<>();
      if (left.size() > 1 && Runtime.getRuntime().availableProcessors() > 1) {
        Thread thread = new Thread(() -> {
          try {
            helper.drain(left, next);
            helped.complete(null);
          } catch (IOException | RuntimeException | Error e) {
            helped.completeExceptionally(e);
          }
        }, "packer walker");
        thread.setDaemon(true);
        thread.start();
      } else {
        helped.complete(null);
      }
      Walk own = new Walk(cache, null);
      own.drain(left, next);
      try {
        helped.join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e;
      }
      for (Walk part : List.of(own, helper)) {
        filesByAsset.putAll(part.filesByAsset);
        problems.addAll(part.problems);
        allPaths.addAll(part.allPaths);
        listedAgain |= part.listedAgain;
      }
      // Every listing is complete now (the helper's were made before it completed).
      roots.forEach((path, listing) -> cache.keepListing(path, listing, listedAgain));
    }

    private void drain(List<Pending> folders, AtomicInteger next) throws IOException {
      for (int i = next.getAndIncrement(); i < folders.size(); i = next.getAndIncrement()) {
        walk(folders.get(i));
      }
    }

    private void walk(Pending pending) throws IOException {
      Listing listing = directory(pending.dir(), pending.path(), pending.name(), "", pending.cached());
      if (pending.parent() != null) {
        pending.parent().adopt(pending.slot(), listing);
      }
    }

    /**
     * @param name the folder's own name (the last segment of {@code dir}), taken once: each
     *     {@code getFileName().toString()} copies and decodes the path again
     * @param outer the asset folder this folder lies in, or ""
     * @param cached the folder's listing as last walked, or null
     * @return this walk's listing of the folder, or null when it is not walked or no listing is kept
     */
    private Listing directory(Path dir, String path, String name, String outer, Listing cached) throws IOException {
      if (!path.isEmpty()) {
        if (isHidden(name) || isReserved(path) || isExcluded(path)) {
          return null;
        }
        if (!isNfc(name)) {
          problems.add(nonNfc(path, "folder"));
          return null;
        }
        allPaths.add(path);
      }
      // The folder's key is taken before its entries are read: a change made meanwhile then
      // changes the key, and the next walk reads the folder again.
      FolderKey key = keepsListings ? FolderKey.of(dir) : null;
      String[] names;
      byte[] kinds;
      BasicFileAttributes[] attributes; // Each entry's lstat, when the folder was read.
      Path[] entries; // Each entry's path as the folder gave it, when the folder was read.
      Listing listing;
      java.util.function.IntFunction<Listing> cachedChild;
      if (key != null && cache.trusts(cached, key)) {
        listing = cached.renewed();
        names = listing.names;
        kinds = listing.kinds;
        attributes = null;
        entries = null;
        cachedChild = cached::child;
      } else {
        listedAgain = true;
        List<String> entryNames = new ArrayList<>();
        List<Path> entryPaths = new ArrayList<>();
        List<BasicFileAttributes> entryAttributes = new ArrayList<>();
        boolean undecodable = false;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
          for (Path entry : stream) {
            String entryName = entry.getFileName().toString();
            if (isHidden(entryName)) {
              continue; // Neither walked nor listed: no need to stat it.
            }
            undecodable |= entryName.indexOf('\uFFFD') >= 0;
            entryNames.add(entryName);
            entryPaths.add(entry);
            entryAttributes.add(Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
          }
        }
        names = entryNames.toArray(new String[0]);
        entries = entryPaths.toArray(new Path[0]);
        attributes = entryAttributes.toArray(new BasicFileAttributes[0]);
        kinds = new byte[names.length];
        for (int i = 0; i < names.length; i++) {
          kinds[i] = Listing.kindOf(attributes[i]);
        }
        // A name whose bytes are not UTF-8 decodes to U+FFFD and would not lead back to its entry:
        // such a folder is not cached, so it is always read, as before there was a cache.
        listing = key == null || undecodable ? null : new Listing(key, names, kinds);
        cachedChild = cached == null ? i -> null : cached.childrenByName(names);
      }
      String inner = outer;
      SortedMap<String, FolderScanner.Listed> files = outer.isEmpty() ? null : filesByAsset.get(outer);
      if (!path.isEmpty() && declares(dir, names, kinds)) {
        if (!outer.isEmpty()) {
          problems.add(Diagnostic.error(Code.NESTED_ASSET, path + "/" + DeclarationReader.FILE_NAME, 0, 0,
              "asset folders do not nest: this folder is inside the asset " + outer
                  + "; move it out, or delete this asset.json"));
        } else {
          inner = path;
          files = new TreeMap<>(PathOrder.COMPARATOR);
          filesByAsset.put(path, files);
        }
      }
      for (int i = 0; i < names.length; i++) {
        String entryName = names[i];
        Path entry = entries != null ? entries[i] : null; // Made only where needed from a cached listing.
        String entryPath = path.isEmpty()
            ? WorkspacePath.relativize(root, entry != null ? entry : dir.resolve(entryName))
            : path + "/" + entryName;
        if (kinds[i] != Listing.DIRECTORY) {
          file(entryPath, entryName, kinds[i] == Listing.LINK, attributes == null ? null : attributes[i], inner, files);
        } else if (inner.isEmpty() && frontier != null) {
          frontier.add(new Pending(entry != null ? entry : dir.resolve(entryName), entryPath, entryName,
              cachedChild.apply(i), listing, i));
        } else {
          Listing child = directory(entry != null ? entry : dir.resolve(entryName), entryPath, entryName, inner,
              cachedChild.apply(i));
          if (listing != null) {
            listing.adopt(i, child);
          }
        }
      }
      return listing;
    }

    /** Whether {@code asset.json} is a regular file, following a link as the old walk did. */
    private boolean declares(Path dir, String[] names, byte[] kinds) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(DeclarationReader.FILE_NAME)) {
          return kinds[i] == Listing.FILE
              || kinds[i] == Listing.LINK && Files.isRegularFile(dir.resolve(DeclarationReader.FILE_NAME));
        }
      }
      return false;
    }

    /**
     * @param attributes the file's lstat, or null when its folder's listing came from the cache
     * @param asset the asset folder the file lies in, or ""
     * @param files that folder's files, by path inside it (null outside asset folders)
     */
    private void file(String path, String name, boolean link, BasicFileAttributes attributes, String asset,
        SortedMap<String, FolderScanner.Listed> files) {
      if (isHidden(name)) {
        return;
      }
      if (!isNfc(name)) {
        problems.add(nonNfc(path, "file"));
        return;
      }
      allPaths.add(path);
      if (!asset.isEmpty()) {
        files.put(path.substring(asset.length() + 1), new FolderScanner.Listed(link, attributes));
      }
    }

    private boolean isReserved(String path) {
      return path.equals(Registry.FOLDER) || path.equals(config.output());
    }

    private boolean isExcluded(String path) {
      for (PathMatcher matcher : excludes) {
        if (matcher.matches(Path.of(path))) {
          return true;
        }
      }
      return false;
    }
  }
}
