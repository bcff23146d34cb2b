package packer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import packer.declaration.Declaration;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.json.Located;
import packer.path.PathOrder;
import packer.registry.Registry;
import packer.registry.RegistryRecord;
import packer.scan.FolderScan;
import packer.scan.ResolvedInput;
import packer.workspace.WorkspaceConfig;

/**
 * A snapshot derived from the previous one plus what a commit changed is the snapshot derived from
 * scratch: the same assets, indexes and problems, in the same order, for any sequence of commits.
 * Few folders, names and ids, so that names collide, folders nest and are bound twice, and
 * problems change hands as folders come and go.
 */
class IncrementalSnapshotPropertyTest {

  private static final List<String> FOLDERS = List.of("a", "a/b", "a/b/c", "d", "d/e", "f", "g/h");
  private static final List<String> NAMES = List.of("hero", "tree", "rock");
  private static final List<String> PROBLEM_FILES =
      List.of("a/x.png", "a/b/asset.json", "a/b/c/y.txt", "d/e/z", "g/q", "packer.json", "registry/zz.json");

  /** One change inside a commit. */
  sealed interface Change {}

  /** A folder read with a declaration named {@code name} (or none, when it does not parse). */
  record PutFolder(int folder, int name, boolean declared, boolean broken, int line) implements Change {}

  record RemoveFolder(int folder) implements Change {}

  record Bind(int id, int folder) implements Change {}

  record Retire(int id) implements Change {}

  /** The workspace's own problems change (a rescan): the next snapshot is derived from scratch. */
  record Problems(List<Integer> files) implements Change {}

  @Property(tries = 300)
  void anIncrementalSnapshotEqualsOneDerivedFromScratch(
      @ForAll("initialProblems") List<Integer> initialProblems, @ForAll("commits") List<List<Change>> commits) {
    WorkspaceState state = new WorkspaceState(WorkspaceConfig.defaults("test"), Registry.empty(),
        WorkspaceState.emptyFolders(), problems(initialProblems));
    Snapshot snapshot = Snapshot.of(1, state);
    long version = 1;
    for (List<Change> commit : commits) {
      Set<String> folders = new TreeSet<>(PathOrder.COMPARATOR);
      Set<AssetId> ids = new TreeSet<>();
      for (Change change : commit) {
        state = apply(state, change, folders, ids);
      }
      version++;
      Snapshot incremental = snapshot.next(version, state, folders, ids);
      Snapshot full = Snapshot.of(version, state);
      assertSame(incremental, full, commits.toString());
      snapshot = incremental;
    }
  }

  private static void assertSame(Snapshot incremental, Snapshot full, String context) {
    assertThat(incremental.assets()).as(context).isEqualTo(full.assets());
    assertThat(incremental.diagnostics()).as(context).containsExactlyElementsOf(full.diagnostics());
    assertThat(incremental.hasErrors()).as(context).isEqualTo(full.hasErrors());
    assertThat(incremental.assetsById()).as(context).isEqualTo(full.assetsById());
    for (String folder : FOLDERS) {
      assertThat(incremental.byFolder(folder)).as(context + " at " + folder).isEqualTo(full.byFolder(folder));
      assertThat(incremental.idsBoundTo(folder)).as(context + " at " + folder)
          .containsExactlyElementsOf(full.idsBoundTo(folder));
    }
    for (String name : NAMES) {
      assertThat(incremental.byName(name)).as(context + " named " + name).isEqualTo(full.byName(name));
    }
    assertThat(incremental.indexes()).as(context).isEqualTo(full.indexes());
  }

  private static WorkspaceState apply(WorkspaceState state, Change change, Set<String> folders, Set<AssetId> ids) {
    if (change instanceof PutFolder put) {
      String folder = FOLDERS.get(put.folder());
      folders.add(folder);
      return state.withFolder(scan(folder, put));
    }
    if (change instanceof RemoveFolder remove) {
      String folder = FOLDERS.get(remove.folder());
      folders.add(folder);
      return state.withoutFolder(folder);
    }
    if (change instanceof Bind bind) {
      AssetId id = new AssetId(bind.id() + 1);
      ids.add(id);
      return state.withRecord(new RegistryRecord.Bound(id, FOLDERS.get(bind.folder())));
    }
    if (change instanceof Retire retire) {
      AssetId id = new AssetId(retire.id() + 1);
      ids.add(id);
      return state.withRecord(new RegistryRecord.Retired(id));
    }
    Problems problems = (Problems) change;
    return new WorkspaceState(state.config(), state.registry(), state.folders(), problems(problems.files()));
  }

  private static FolderScan scan(String folder, PutFolder put) {
    List<Diagnostic> own = new ArrayList<>();
    if (put.broken()) {
      own.add(Diagnostic.error(Code.MISSING_INPUT, folder + "/asset.json", put.line(), 3, "input gone"));
    }
    Optional<Declaration> declaration = put.declared()
        ? Optional.of(new Declaration(NAMES.get(put.name()), "blob", List.of("x.bin"), "{}", List.of()))
        : Optional.empty();
    if (declaration.isEmpty()) {
      own.add(Diagnostic.error(Code.JSON_SYNTAX, folder + "/asset.json", 1, 1, "does not parse"));
    }
    return new FolderScan(folder, String.format(java.util.Locale.ROOT, "%064x", put.line()), declaration, new Located(put.line(), 3),
        List.of(new ResolvedInput("x.bin", put.line(), 0)), own);
  }

  private static List<Diagnostic> problems(List<Integer> files) {
    List<Diagnostic> problems = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String file = PROBLEM_FILES.get(files.get(i));
      problems.add(i % 2 == 0
          ? Diagnostic.error(Code.CASE_COLLISION, file, 0, 0, "clash " + i)
          : Diagnostic.warning(Code.NON_NFC_PATH, file, 0, 0, "not NFC"));
    }
    return problems;
  }

  @Provide
  Arbitrary<List<Integer>> initialProblems() {
    return Arbitraries.integers().between(0, PROBLEM_FILES.size() - 1).list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<List<Change>>> commits() {
    Arbitrary<Integer> folder = Arbitraries.integers().between(0, FOLDERS.size() - 1);
    Arbitrary<Integer> name = Arbitraries.integers().between(0, NAMES.size() - 1);
    Arbitrary<Integer> id = Arbitraries.integers().between(0, 5);
    Arbitrary<Change> put = Combinators.combine(folder, name, Arbitraries.of(true, true, true, false),
        Arbitraries.of(false, false, false, true), Arbitraries.integers().between(1, 3)).as(PutFolder::new);
    Arbitrary<Change> remove = folder.map(RemoveFolder::new);
    Arbitrary<Change> bind = Combinators.combine(id, folder).as(Bind::new);
    Arbitrary<Change> retire = id.map(Retire::new);
    Arbitrary<Change> problems = initialProblems().map(Problems::new);
    Arbitrary<Change> change = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, put), net.jqwik.api.Tuple.of(2, remove), net.jqwik.api.Tuple.of(5, bind),
        net.jqwik.api.Tuple.of(2, retire), net.jqwik.api.Tuple.of(1, problems));
    return change.list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(1).ofMaxSize(25);
  }
}
