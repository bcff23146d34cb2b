package packer.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import packer.declaration.DeclarationReader;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.registry.RegistryRecord;
import packer.scan.FolderScan;

/**
 * How one asset is seen, given the facts about its folder that depend on other assets: the ids
 * bound to it, the problems found inside it, the folders declaring the same name.
 */
final class AssetRules {

  private final WorkspaceState state;
  private final Function<String, List<AssetId>> idsAt;
  private final Function<String, List<Diagnostic>> problemsIn;
  private final Function<String, List<String>> foldersNamed;

  /**
   * @param idsAt the ids bound to a folder, in id order
   * @param problemsIn the workspace problems found in files inside an asset folder, in source order
   * @param foldersNamed the folders whose asset.json declares a name, in path order
   */
  AssetRules(WorkspaceState state, Function<String, List<AssetId>> idsAt,
      Function<String, List<Diagnostic>> problemsIn, Function<String, List<String>> foldersNamed) {
    this.state = state;
    this.idsAt = idsAt;
    this.problemsIn = problemsIn;
    this.foldersNamed = foldersNamed;
  }

  Asset bound(RegistryRecord.Bound bound) {
    List<AssetId> ids = idsAt.apply(bound.folder());
    List<Diagnostic> own = ids.size() > 1 ? List.of(boundTwice(bound.id(), bound.folder(), ids)) : List.of();
    FolderScan scan = state.folders().get(bound.folder());
    return scan == null ? missing(bound, own) : present(Optional.of(bound.id()), scan, own);
  }

  Asset unregistered(FolderScan scan) {
    return present(Optional.empty(), scan, List.of());
  }

  /** Told by each of the ids bound to one folder, at its own registry record. */
  private static Diagnostic boundTwice(AssetId id, String folder, List<AssetId> ids) {
    List<String> hex = new ArrayList<>();
    ids.forEach(i -> hex.add(i.hex()));
    return Diagnostic.error(Code.FOLDER_BOUND_TWICE, RegistryRecord.pathOf(id), 1, 1,
        "ids " + String.join(", ", hex) + " are all bound to " + folder
            + " (as after a merge where two branches adopted it); keep one: packer rm --keep-files "
            + ids.get(ids.size() - 1));
  }

  private static Asset missing(RegistryRecord.Bound bound, List<Diagnostic> own) {
    Diagnostic problem = Diagnostic.error(Code.MISSING_ASSET, RegistryRecord.pathOf(bound.id()), 1, 1,
        "asset " + bound.id() + " is bound to " + bound.folder() + ", which has no asset.json;"
            + " if it was moved, run packer doctor --fix or packer relocate " + bound.id()
            + " NEW_FOLDER; if it was deleted on purpose, run packer rm " + bound.id());
    List<Diagnostic> problems = new ArrayList<>(own);
    problems.add(problem);
    problems.sort(Diagnostic.ORDER);
    return new Asset(Optional.of(bound.id()), bound.folder(), AssetState.MISSING, Optional.empty(),
        List.of(), problems);
  }

  private Asset present(Optional<AssetId> id, FolderScan scan, List<Diagnostic> own) {
    List<Diagnostic> problems = new ArrayList<>(scan.diagnostics());
    problems.addAll(problemsIn.apply(scan.folder()));
    Diagnostic duplicate = duplicateName(scan);
    if (duplicate != null) {
      problems.add(duplicate);
    }
    problems.addAll(own);
    boolean errors = problems.stream().anyMatch(Diagnostic::isError);
    if (id.isEmpty() && !errors) {
      problems.add(Diagnostic.warning(Code.UNREGISTERED, scan.folder() + "/" + DeclarationReader.FILE_NAME, 0, 0,
          "this asset has no id yet; run packer adopt " + scan.folder()));
    }
    problems.sort(Diagnostic.ORDER);
    AssetState state = errors ? AssetState.INVALID : id.isPresent() ? AssetState.REGISTERED : AssetState.UNREGISTERED;
    return new Asset(id, scan.folder(), state, scan.declaration(), scan.inputs(), problems);
  }

  private Diagnostic duplicateName(FolderScan scan) {
    if (scan.declaration().isEmpty()) {
      return null;
    }
    String name = scan.declaration().get().name();
    List<String> folders = foldersNamed.apply(name);
    if (folders.size() < 2) {
      return null;
    }
    List<String> others = new ArrayList<>(folders);
    others.remove(scan.folder());
    return Diagnostic.error(Code.DUPLICATE_NAME, scan.folder() + "/" + DeclarationReader.FILE_NAME,
        scan.nameAt().line(), scan.nameAt().column(),
        "the name '" + name + "' is also used by " + String.join(", ", others)
            + "; names are unique in the workspace: packer rename one of them");
  }
}
