package packer.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import packer.declaration.DeclarationReader;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.registry.Registry;
import packer.registry.RegistryRecord;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;
import packer.workspace.Workspace;

/**
 * The invariants of identity, registry and names, asserted on one snapshot. They hold for any
 * snapshot, the lane's own as much as a fresh read of the disk.
 */
final class WorkspaceInvariants {

  private WorkspaceInvariants() {}

  static void check(Snapshot snapshot, IdentityModel model) {
    idsAreTheIssuedOnesAndRetiredStaysRetired(snapshot, model);
    boundFoldersHoldTheirAssetOrAreMissing(snapshot);
    foldersWithoutBindingHaveNoId(snapshot);
    namesAreUniqueOrReported(snapshot);
  }

  /**
   * What only a fresh read can promise: it saw every asset folder on disk, and an asset is missing
   * exactly when its bound folder has no asset.json.
   */
  static void checkAgainstDisk(Snapshot fresh, Path root) throws IOException {
    assertThat(new TreeSet<>(fresh.state().folders().keySet()))
        .as("asset folders a fresh scan found")
        .isEqualTo(assetFoldersOnDisk(root));
    for (RegistryRecord record : fresh.state().registry().records().values()) {
      if (record instanceof RegistryRecord.Bound bound) {
        boolean there = Files.isRegularFile(root.resolve(bound.folder()).resolve(DeclarationReader.FILE_NAME));
        assertThat(fresh.byId(bound.id()).orElseThrow().state() == AssetState.MISSING)
            .as("%s is missing although %s/asset.json %s", bound.id(), bound.folder(), there ? "exists" : "does not")
            .isEqualTo(!there);
      }
    }
  }

  private static void idsAreTheIssuedOnesAndRetiredStaysRetired(Snapshot snapshot, IdentityModel model) {
    Map<AssetId, RegistryRecord> records = snapshot.state().registry().records();
    assertThat(new TreeSet<>(records.keySet()))
        .as("ids in the registry: every id the lane issued, no other, none forgotten")
        .isEqualTo(model.issued());
    SortedMap<AssetId, String> bound = new TreeMap<>();
    for (RegistryRecord record : records.values()) {
      if (record instanceof RegistryRecord.Bound b) {
        bound.put(b.id(), b.folder());
      } else {
        assertThat(model.retired()).as("retired ids").contains(record.id());
      }
    }
    for (AssetId id : model.retired()) {
      assertThat(records.get(id)).as("record of the retired id %s", id).isInstanceOf(RegistryRecord.Retired.class);
    }
    assertThat(bound).as("bindings in the registry").isEqualTo(model.bindings());
    List<AssetId> ids = new ArrayList<>();
    snapshot.assets().forEach(asset -> asset.id().ifPresent(ids::add));
    assertThat(ids).as("ids of the assets").doesNotHaveDuplicates();
    assertThat(snapshot.assetsById().keySet()).as("assets by id").containsExactlyElementsOf(bound.keySet());
  }

  private static void boundFoldersHoldTheirAssetOrAreMissing(Snapshot snapshot) {
    List<String> boundFolders = new ArrayList<>();
    for (RegistryRecord record : snapshot.state().registry().records().values()) {
      if (!(record instanceof RegistryRecord.Bound bound)) {
        continue;
      }
      boundFolders.add(bound.folder());
      Asset asset = snapshot.byId(bound.id()).orElseThrow();
      assertThat(asset.folder()).as("folder of %s", bound.id()).isEqualTo(bound.folder());
      if (snapshot.state().folders().containsKey(bound.folder())) {
        assertThat(asset.state()).as("state of %s at %s", bound.id(), bound.folder())
            .isIn(AssetState.REGISTERED, AssetState.INVALID);
        assertThat(asset.declaration().isPresent() || asset.state() == AssetState.INVALID)
            .as("%s without a declaration must be invalid", bound.id()).isTrue();
      } else {
        assertThat(asset.state()).as("state of %s, whose folder %s is gone", bound.id(), bound.folder())
            .isEqualTo(AssetState.MISSING);
        assertThat(codes(asset.diagnostics())).as("diagnostics of missing %s", bound.id()).contains(Code.MISSING_ASSET);
      }
    }
    assertThat(boundFolders).as("folders bound in the registry").doesNotHaveDuplicates();
    assertThat(codes(snapshot.diagnostics())).as("workspace diagnostics")
        .doesNotContain(Code.FOLDER_BOUND_TWICE, Code.ID_BOUND_TWICE, Code.BAD_REGISTRY_RECORD);
  }

  private static void foldersWithoutBindingHaveNoId(Snapshot snapshot) {
    for (Asset asset : snapshot.assets()) {
      if (asset.id().isPresent()) {
        continue;
      }
      assertThat(snapshot.state().folders()).as("folders of assets without id").containsKey(asset.folder());
      assertThat(asset.state()).as("state of %s, which has no id", asset.folder())
          .isIn(AssetState.UNREGISTERED, AssetState.INVALID);
      if (asset.state() == AssetState.UNREGISTERED) {
        assertThat(codes(asset.diagnostics())).as("diagnostics of %s", asset.folder()).contains(Code.UNREGISTERED);
      }
    }
    for (String folder : snapshot.state().folders().keySet()) {
      Asset asset = snapshot.byFolder(folder).orElseThrow();
      boolean bound = snapshot.state().registry().records().values().stream()
          .anyMatch(r -> r instanceof RegistryRecord.Bound b && b.folder().equals(folder));
      assertThat(asset.id().isPresent()).as("whether %s has an id", folder).isEqualTo(bound);
    }
  }

  private static void namesAreUniqueOrReported(Snapshot snapshot) {
    Map<String, Integer> holders = new HashMap<>();
    for (Asset asset : snapshot.assets()) {
      asset.name().ifPresent(name -> holders.merge(name, 1, Integer::sum));
    }
    int reported = 0;
    for (Asset asset : snapshot.assets()) {
      boolean shared = asset.name().map(name -> holders.get(name) > 1).orElse(false);
      assertThat(codes(asset.diagnostics()).contains(Code.DUPLICATE_NAME))
          .as("whether %s (named %s) reports a duplicate name", asset.folder(), asset.name().orElse("nothing"))
          .isEqualTo(shared);
      if (shared) {
        reported++;
        assertThat(asset.state()).as("state of %s, whose name is shared", asset.folder()).isEqualTo(AssetState.INVALID);
      }
    }
    assertThat(snapshot.diagnostics().stream().filter(d -> d.code() == Code.DUPLICATE_NAME).count())
        .as("duplicate-name diagnostics of the workspace").isEqualTo(reported);
  }

  private static List<Code> codes(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::code).toList();
  }

  private static TreeSet<String> assetFoldersOnDisk(Path root) throws IOException {
    TreeSet<String> folders = new TreeSet<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String relative = root.relativize(path).toString().replace('\\', '/');
        if (relative.startsWith(Workspace.LOCAL_FOLDER + "/") || relative.startsWith(Registry.FOLDER + "/")) {
          continue;
        }
        if (path.getFileName().toString().equals(DeclarationReader.FILE_NAME) && Files.isRegularFile(path)) {
          folders.add(root.relativize(path.getParent()).toString().replace('\\', '/'));
        }
      }
    }
    return folders;
  }
}
