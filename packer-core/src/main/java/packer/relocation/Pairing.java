package packer.relocation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import packer.id.AssetId;
import packer.path.PathOrder;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;

/**
 * Pairs missing assets with the unregistered folders they were probably moved to outside packer:
 * same remembered name and type, or same content digest. Only a unique one-to-one match is a
 * relocation; anything ambiguous is left for a person to settle with {@code packer relocate}.
 * A copy never pairs: its original is still present, so nothing is missing.
 */
public final class Pairing {

  /** A missing asset and the folders that match it. */
  public record Candidates(AssetId id, Optional<Remembered> remembered, String formerFolder, List<String> folders) {}

  /** A unique one-to-one match: the missing asset {@code id} now lives at {@code folder}. */
  public record Match(AssetId id, String formerFolder, String folder) {}

  /** The outcome: unique matches to relocate, and missing assets that need a person. */
  public record Result(List<Match> matches, List<Candidates> unresolved) {}

  private Pairing() {}

  public static Result pair(Snapshot snapshot, AssetMemory memory) throws IOException {
    List<Asset> missing = new ArrayList<>();
    List<Asset> unregistered = new ArrayList<>();
    for (Asset asset : snapshot.assets()) {
      if (asset.state() == AssetState.MISSING) {
        missing.add(asset);
      } else if (asset.id().isEmpty() && asset.declaration().isPresent()) {
        unregistered.add(asset);
      }
    }
    if (missing.isEmpty()) {
      return new Result(List.of(), List.of());
    }
    Map<String, String> digests = new TreeMap<>(PathOrder.COMPARATOR);
    for (Asset candidate : unregistered) {
      digests.put(candidate.folder(), memory.digest(candidate));
    }
    SortedMap<AssetId, List<String>> matchesByMissing = new TreeMap<>();
    SortedMap<String, List<AssetId>> matchesByFolder = new TreeMap<>(PathOrder.COMPARATOR);
    for (Asset lost : missing) {
      AssetId id = lost.id().orElseThrow();
      List<String> folders = new ArrayList<>();
      Optional<Remembered> remembered = memory.get(id);
      if (remembered.isPresent()) {
        for (Asset candidate : unregistered) {
          boolean sameNameAndType = remembered.get().name().equals(candidate.name().orElseThrow())
              && remembered.get().type().equals(candidate.type().orElseThrow());
          boolean sameContent = remembered.get().digest().equals(digests.get(candidate.folder()));
          if (sameNameAndType || sameContent) {
            folders.add(candidate.folder());
            matchesByFolder.computeIfAbsent(candidate.folder(), f -> new ArrayList<>()).add(id);
          }
        }
      }
      matchesByMissing.put(id, folders);
    }
    List<Match> matches = new ArrayList<>();
    List<Candidates> unresolved = new ArrayList<>();
    for (Asset lost : missing) {
      AssetId id = lost.id().orElseThrow();
      List<String> folders = matchesByMissing.get(id);
      if (folders.size() == 1 && matchesByFolder.get(folders.get(0)).size() == 1) {
        matches.add(new Match(id, lost.folder(), folders.get(0)));
      } else {
        unresolved.add(new Candidates(id, memory.get(id), lost.folder(), List.copyOf(folders)));
      }
    }
    return new Result(List.copyOf(matches), List.copyOf(unresolved));
  }
}
