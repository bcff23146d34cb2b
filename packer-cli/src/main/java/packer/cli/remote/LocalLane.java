package packer.cli.remote;

import java.io.IOException;
import java.nio.file.Path;
import packer.lane.Command;
import packer.lane.CommandRejected;
import packer.lane.Receipt;
import packer.relocation.AssetMemory;
import packer.snapshot.Snapshot;
import packer.workspace.Workspace;

/** The workspace this process opened (for writing, or only to read when nothing is submitted). */
public final class LocalLane implements WriteLane {

  private final Workspace workspace;

  public LocalLane(Workspace workspace) {
    this.workspace = workspace;
  }

  @Override
  public Path root() {
    return workspace.root();
  }

  @Override
  public Snapshot snapshot() {
    return workspace.snapshot();
  }

  @Override
  public AssetMemory memory() {
    return workspace.memory();
  }

  @Override
  public Receipt execute(Command command) throws CommandRejected, IOException {
    return workspace.execute(command);
  }

  @Override
  public void close() throws IOException {
    workspace.close();
  }
}
