package packer.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import packer.diagnostic.Diagnostic;
import packer.fs.Disk;
import packer.id.AssetId;
import packer.snapshot.Asset;
import packer.snapshot.Snapshot;
import packer.fs.NoSyncDisk;
import packer.fs.OsDisk;
import packer.journal.IntentJournal;
import packer.path.PathOrder;
import packer.scan.Sha256;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * What a workspace holds, as these tests judge it: every file and folder outside {@code .packer/}
 * with its bytes, and the diagnostics of a snapshot read after recovery (which say whether the
 * registry and the folders agree).
 */
record Outcome(SortedMap<String, String> tree, List<String> diagnostics) {

  /** Ids come from this seed in every run, so a command issues the same id each time. */
  static final long SEED = 20240611L;

  static Options options(Disk disk) {
    return Options.defaults().withDisk(disk).withRandom(new Random(SEED));
  }

  /**
   * The disk of the crash loops, healthy (it never fails). By default a {@link NoSyncDisk}: these
   * tests simulate crashes rather than suffer them, so forcing to stable storage would only cost
   * milliseconds per step over thousands of steps. {@code -Dpacker.durability.fsync=true} runs
   * them on {@link OsDisk}.
   */
  static Disk healthyDisk() {
    return Boolean.getBoolean("packer.durability.fsync") ? new OsDisk() : new NoSyncDisk();
  }

  /** Opens {@code root} with a healthy disk, which runs recovery, and reads what it holds. */
  static Outcome recoverAndRead(Path root) throws Exception {
    return recoverAndRead(root, healthyDisk());
  }

  static Outcome recoverAndRead(Path root, Disk disk) throws Exception {
    List<String> diagnostics = new ArrayList<>();
    try (Workspace workspace = Workspace.openForWriting(root, options(disk), "crash test recovery")) {
      for (Diagnostic diagnostic : workspace.snapshot().diagnostics()) {
        diagnostics.add(diagnostic.format());
      }
    }
    return new Outcome(tree(root), List.copyOf(diagnostics));
  }

  /**
   * Recovers {@code root} and asserts it holds exactly {@code before} or exactly {@code after}, with
   * the journal empty and no journal or temporary file left anywhere.
   */
  static void assertOldOrNew(Path root, Outcome before, Outcome after, String context) throws Exception {
    Outcome actual = recoverAndRead(root);
    assertThat(journalEntries(root)).as("journal after recovery; %s", context).isEmpty();
    assertThat(leftovers(root)).as("journal or temporary files after recovery; %s", context).isEmpty();
    if (actual.tree().equals(before.tree())) {
      assertThat(actual.diagnostics()).as("diagnostics of the old state; %s", context)
          .containsExactlyElementsOf(before.diagnostics());
    } else if (actual.tree().equals(after.tree())) {
      assertThat(actual.diagnostics()).as("diagnostics of the new state; %s", context)
          .containsExactlyElementsOf(after.diagnostics());
    } else {
      fail("the workspace is neither the old nor the new state; " + context
          + "\n-- against the old state:\n" + diff(before.tree(), actual.tree())
          + "-- against the new state:\n" + diff(after.tree(), actual.tree()));
    }
  }

  /** Asserts that recovery of {@code root} leaves exactly {@code expected}. */
  static void assertExactly(Path root, Outcome expected, String context) throws Exception {
    Outcome actual = recoverAndRead(root);
    assertThat(journalEntries(root)).as("journal after recovery; %s", context).isEmpty();
    assertThat(leftovers(root)).as("journal or temporary files after recovery; %s", context).isEmpty();
    if (!actual.tree().equals(expected.tree())) {
      fail("the workspace is not the expected state; " + context + "\n" + diff(expected.tree(), actual.tree()));
    }
    assertThat(actual.diagnostics()).as("diagnostics; %s", context).containsExactlyElementsOf(expected.diagnostics());
  }

  /**
   * What a snapshot says of each asset (id, folder, state, name) and its diagnostics, one line
   * each in the snapshot's order: equal for two snapshots that see the same workspace.
   */
  static List<String> describe(Snapshot snapshot) {
    List<String> lines = new ArrayList<>();
    for (Asset asset : snapshot.assets()) {
      lines.add(asset.id().map(AssetId::hex).orElse("-") + " " + asset.folder() + " " + asset.state()
          + " " + asset.name().orElse("-"));
    }
    for (Diagnostic diagnostic : snapshot.diagnostics()) {
      lines.add(diagnostic.format());
    }
    return lines;
  }

  /** Every file and folder under {@code root} except {@code .packer/}, in canonical path order. */
  static SortedMap<String, String> tree(Path root) throws IOException {
    SortedMap<String, String> tree = new TreeMap<>(PathOrder.COMPARATOR);
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String relative = root.relativize(path).toString().replace('\\', '/');
        if (relative.isEmpty() || relative.equals(Workspace.LOCAL_FOLDER)
            || relative.startsWith(Workspace.LOCAL_FOLDER + "/")) {
          continue;
        }
        tree.put(relative, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
            ? "<folder>" : describe(Files.readAllBytes(path)));
      }
    }
    return tree;
  }

  /** What is left in the journal folder, sorted; empty when it is clean or absent. */
  static List<String> journalEntries(Path root) throws IOException {
    Path journal = root.resolve(IntentJournal.FOLDER);
    if (!Files.isDirectory(journal)) {
      return List.of();
    }
    TreeSet<String> names = new TreeSet<>(PathOrder.COMPARATOR);
    try (Stream<Path> paths = Files.walk(journal)) {
      paths.filter(p -> !p.equals(journal)).forEach(p -> names.add(journal.relativize(p).toString()));
    }
    return List.copyOf(names);
  }

  /** Paths anywhere in the workspace, {@code .packer/} included, named like journal or temp files. */
  static List<String> leftovers(Path root) throws IOException {
    TreeSet<String> found = new TreeSet<>(PathOrder.COMPARATOR);
    try (Stream<Path> paths = Files.walk(root)) {
      paths.filter(p -> !p.equals(root)).forEach(p -> {
        String name = p.getFileName().toString();
        if (name.startsWith("tx-") || name.startsWith("stage-") || name.startsWith("trash-")
            || name.endsWith(".intent") || name.endsWith(".tmp")) {
          found.add(root.relativize(p).toString());
        }
      });
    }
    return List.copyOf(found);
  }

  /** The lines that differ, {@code -} for expected only and {@code +} for actual only. */
  static String diff(SortedMap<String, String> expected, SortedMap<String, String> actual) {
    StringBuilder out = new StringBuilder();
    TreeSet<String> paths = new TreeSet<>(PathOrder.COMPARATOR);
    paths.addAll(expected.keySet());
    paths.addAll(actual.keySet());
    for (String path : paths) {
      String want = expected.get(path);
      String got = actual.get(path);
      if (want != null && want.equals(got)) {
        continue;
      }
      if (want != null) {
        out.append("  - ").append(path).append(": ").append(want).append('\n');
      }
      if (got != null) {
        out.append("  + ").append(path).append(": ").append(got).append('\n');
      }
    }
    return out.toString();
  }

  /** Short UTF-8 text as it is (newlines escaped), anything else by size and hash. */
  private static String describe(byte[] bytes) {
    if (bytes.length <= 160) {
      try {
        String text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes)).toString();
        if (text.chars().allMatch(ch -> ch == '\n' || ch >= 0x20 && ch != 0x7f)) {
          return "\"" + text.replace("\\", "\\\\").replace("\n", "\\n") + "\"";
        }
      } catch (CharacterCodingException binary) {
        // Described by hash below.
      }
    }
    return bytes.length + " bytes, sha256 " + Sha256.hex(bytes);
  }
}
