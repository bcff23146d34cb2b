package packer.cli.remote;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import packer.declaration.DeclarationReader;
import packer.json.JsonDocument;
import packer.json.JsonSyntaxException;
import packer.lane.Command;
import packer.lane.CommandRejected;
import packer.lane.Receipt;
import packer.lock.WorkspaceLockedException;
import packer.relocation.AssetMemory;
import packer.server.discovery.Discovery;
import packer.snapshot.Snapshot;
import packer.workspace.NotAWorkspaceException;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * The lane of a running {@code packer serve}: each command goes to its HTTP API, and the workspace
 * is read from disk (as every read command does while a server runs), again after each commit, so
 * what the command prints shows it.
 */
final class RemoteLane implements WriteLane {

  private final Path root;
  private final Options options;
  private final ServerClient client;
  private Workspace view;

  private RemoteLane(Path root, Options options, ServerClient client, Workspace view) {
    this.root = root;
    this.options = options;
    this.client = client;
    this.view = view;
  }

  /** Checks that the server {@code found} names is alive and answers, then reads the workspace. */
  static RemoteLane connect(Path root, Discovery found, Options options, WorkspaceLockedException locked)
      throws IOException, NotAWorkspaceException, ServerUnavailableException {
    String workspace = "the workspace " + root.getFileName() + " is being written by " + locked.holder();
    if (!found.processAlive()) {
      throw new ServerUnavailableException(workspace + ", and .packer/server.json is stale: the server it names"
          + " (pid " + found.pid() + ") is no longer running, so the command cannot be handed to it. Nothing was"
          + " written; wait for that writer to finish, then run the command again");
    }
    if (!found.url().startsWith("http://")) {
      throw new ServerUnavailableException(workspace + ", and .packer/server.json names no usable URL ("
          + found.url() + "). Nothing was written; restart packer serve");
    }
    ServerClient client = new ServerClient(found);
    Optional<String> problem = client.checkSession();
    if (problem.isPresent()) {
      throw new ServerUnavailableException(workspace + "; .packer/server.json names " + client.describe()
          + ", but " + problem.get() + ". Nothing was written; if that server is stuck, stop it (pid "
          + found.pid() + ") and run the command again");
    }
    return new RemoteLane(root, options, client, Workspace.openForReading(root, options));
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public Snapshot snapshot() {
    return view.snapshot();
  }

  @Override
  public AssetMemory memory() {
    return view.memory();
  }

  @Override
  public Receipt execute(Command command) throws CommandRejected, IOException {
    Receipt receipt = command.accept(new Requests());
    Workspace previous = view;
    try {
      // The commit is durable on disk once acknowledged: reading the disk now shows it.
      view = Workspace.openForReading(root, options);
    } catch (NotAWorkspaceException e) {
      throw new IOException(e.getMessage(), e);
    }
    previous.close();
    return receipt;
  }

  @Override
  public void close() throws IOException {
    view.close();
  }

  /** Each command as the request docs/api.md gives for it. */
  private final class Requests implements Command.Visitor<Receipt> {

    @Override
    public Receipt create(Command.Create command) throws CommandRejected, IOException {
      ObjectNode body = ServerClient.JSON.createObjectNode();
      body.put("folder", command.folder());
      body.put("type", command.type());
      command.name().ifPresent(name -> body.put("name", name));
      ArrayNode tags = body.putArray("tags");
      command.tags().forEach(tags::add);
      ArrayNode inputs = body.putArray("inputs");
      Set<String> names = new HashSet<>();
      // The same checks and words as the lane's, which would otherwise see only the server's copies.
      for (Path input : command.inputs()) {
        if (!Files.isRegularFile(input)) {
          throw new CommandRejected(CommandRejected.Reason.NOT_FOUND, "input " + input + " is not a readable file");
        }
        String name = input.getFileName().toString();
        if (name.equals(DeclarationReader.FILE_NAME) || name.startsWith(".")) {
          throw new CommandRejected(CommandRejected.Reason.INVALID,
              "input " + input + " cannot be copied in under its name; rename it first");
        }
        if (!names.add(name)) {
          throw new CommandRejected(CommandRejected.Reason.INVALID,
              "two inputs are named " + name + "; input file names must differ");
        }
        inputs.addObject().put("name", name).put("base64", Base64.getEncoder().encodeToString(Files.readAllBytes(input)));
      }
      return client.send("POST", "/api/assets", body);
    }

    @Override
    public Receipt adopt(Command.Adopt command) throws CommandRejected, IOException {
      return client.send("POST", "/api/adopt", ServerClient.JSON.createObjectNode().put("folder", command.folder()));
    }

    @Override
    public Receipt rename(Command.Rename command) throws CommandRejected, IOException {
      return client.send("POST", "/api/assets/" + command.id().hex() + "/rename",
          ServerClient.JSON.createObjectNode().put("name", command.newName()));
    }

    @Override
    public Receipt move(Command.Move command) throws CommandRejected, IOException {
      return client.send("POST", "/api/assets/" + command.id().hex() + "/move",
          ServerClient.JSON.createObjectNode().put("folder", command.newFolder()));
    }

    @Override
    public Receipt update(Command.Update command) throws CommandRejected, IOException {
      ObjectNode body = ServerClient.JSON.createObjectNode();
      try {
        body.set("declaration", JsonDocument.parse(command.content()).root());
      } catch (JsonSyntaxException e) {
        throw new CommandRejected(CommandRejected.Reason.INVALID, "the new asset.json is not valid: " + e.getMessage());
      }
      return client.send("PUT", "/api/assets/" + command.id().hex() + "/declaration", body);
    }

    @Override
    public Receipt remove(Command.Remove command) throws CommandRejected, IOException {
      return client.send("POST", "/api/assets/" + command.id().hex() + "/remove",
          ServerClient.JSON.createObjectNode().put("keepFiles", command.keepFiles()));
    }

    @Override
    public Receipt relocate(Command.Relocate command) throws CommandRejected, IOException {
      return client.send("POST", "/api/assets/" + command.id().hex() + "/relocate",
          ServerClient.JSON.createObjectNode().put("folder", command.newFolder()));
    }
  }
}
