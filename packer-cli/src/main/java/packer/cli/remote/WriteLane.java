package packer.cli.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import packer.lane.Command;
import packer.lane.CommandRejected;
import packer.lane.Receipt;
import packer.lock.WorkspaceLockedException;
import packer.relocation.AssetMemory;
import packer.server.discovery.Discovery;
import packer.server.discovery.DiscoveryFile;
import packer.snapshot.Snapshot;
import packer.workspace.NotAWorkspaceException;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * Where a write command submits its commands: the workspace itself, under its lock, or the
 * {@code packer serve} that holds that lock, over HTTP. Either way there is one writer, and the
 * command prints the same.
 */
public interface WriteLane extends AutoCloseable {

  /** The workspace root, as a real path. */
  Path root();

  /** The workspace as it is now, showing every command this lane has acknowledged. */
  Snapshot snapshot();

  /** Local memory of registered assets, which recognizes assets moved outside packer. */
  AssetMemory memory();

  /** Submits {@code command} and waits until it is durable; refusals as the lane gives them. */
  Receipt execute(Command command) throws CommandRejected, IOException;

  @Override
  void close() throws IOException;

  /**
   * Takes the workspace's lock to write it; if a running {@code packer serve} holds it (its
   * {@code .packer/server.json} names a live process that answers), hands the commands to it.
   *
   * @throws WorkspaceLockedException another writer, not a server, holds the workspace
   * @throws ServerUnavailableException the discovery file names a server that is gone or silent
   */
  static WriteLane open(Path start, Options options, String purpose)
      throws IOException, NotAWorkspaceException, WorkspaceLockedException, ServerUnavailableException {
    try {
      return new LocalLane(Workspace.openForWriting(start, options, purpose));
    } catch (WorkspaceLockedException locked) {
      Path root = Workspace.findRoot(start);
      Optional<Discovery> server = DiscoveryFile.read(root);
      if (server.isEmpty()) {
        throw locked;
      }
      return RemoteLane.connect(root, server.get(), options, locked);
    }
  }
}
