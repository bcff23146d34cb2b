package packer.snapshot;

import java.util.List;
import org.pcollections.PSortedMap;
import org.pcollections.PSortedSet;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;

/**
 * What a snapshot derives from its state, in persistent maps, so that the next snapshot shares all
 * but what a commit changed.
 *
 * @param bound the assets bound in the registry (registered, invalid, missing), by id
 * @param unregistered the assets without an id, by folder
 * @param byFolder the asset of each folder present or bound; the lowest id's when several are
 * @param byName the assets declaring each name, in {@link AssetKey} order
 * @param sharedFolders the folders bound by two ids or more (as after a bad merge), with the ids
 * @param problemsIn the workspace's problems found in files inside an asset folder, by folder
 * @param workspaceProblems the workspace's other problems, in source order
 * @param problems every problem, in canonical order
 * @param errors how many of them are errors
 */
record Indexes(
    PSortedMap<AssetId, Asset> bound,
    PSortedMap<String, Asset> unregistered,
    PSortedMap<String, Asset> byFolder,
    PSortedMap<String, List<Asset>> byName,
    PSortedMap<String, PSortedSet<AssetId>> sharedFolders,
    PSortedMap<String, List<Diagnostic>> problemsIn,
    List<Diagnostic> workspaceProblems,
    PSortedMap<ProblemKey, Diagnostic> problems,
    int errors) {}
