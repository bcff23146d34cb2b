package packer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import packer.server.PackerServer;
import packer.server.ServerOptions;
import packer.server.discovery.Discovery;
import packer.server.discovery.DiscoveryFile;
import packer.watch.WorkspaceWatcher;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Serve the workspace on this machine: a JSON API (docs/api.md) and the studio link, until Ctrl-C.",
      "Holds the workspace's write lock while it runs; the CLI and tools find the server through "
          + "the file .packer/server.json.",
      "Watches the workspace: changes made on disk (edits, saves, new, moved or deleted folders) "
          + "show up as new snapshots within about a second, and a folder moved by hand keeps its id."})
final class ServeCommand extends BaseCommand {

  @Option(names = "--port", paramLabel = "N", description = "The port to listen on (default: a free one).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDR", description = "The address to listen on (default: 127.0.0.1).")
  String bind;

  @Option(names = "--allow-remote", description = "Allow --bind to a non-loopback address: other machines can reach it.")
  boolean allowRemote;

  @Option(names = "--open", description = "Open the studio in the default browser.")
  boolean open;

  @Option(names = "--no-watch", description = "Do not watch the files: changes made on disk show after a restart.")
  boolean noWatch;

  @Override
  public Integer call() throws Exception {
    ServerOptions options = serverOptions();
    long pid = ProcessHandle.current().pid();
    CountDownLatch stopped = new CountDownLatch(1);
    Workspace workspace = root.openForWriting("packer serve (pid " + pid + ")");
    PackerServer server;
    WorkspaceWatcher watcher;
    try {
      // We hold the lock, so whoever wrote a discovery file left before is gone.
      Optional<Discovery> stale = DiscoveryFile.read(workspace.root());
      server = PackerServer.start(workspace, options);
      // Watching a large tree takes seconds to set up: the server does not wait for it.
      watcher = noWatch ? null : WorkspaceWatcher.startInBackground(workspace, WorkspaceWatcher.Options.defaults()
          .withProblems(problem -> terminal().err().println("packer: watching the files: " + problem.getMessage())));
      stale.ifPresent(old -> terminal().err().println(terminal().dim(
          "packer: replaced .packer/server.json left by a server that is gone (pid " + old.pid() + ")")));
    } catch (IOException | RuntimeException e) {
      workspace.close();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        if (watcher != null) {
          watcher.close();
        }
        server.close();
        workspace.close();
      } catch (IOException | RuntimeException e) {
        terminal().err().println("packer: stopping the server: " + e.getMessage());
      } finally {
        terminal().err().flush();
        stopped.countDown();
      }
    }, "packer-serve-stop"));
    if (!options.isLoopback()) {
      terminal().err().println(terminal().yellow("packer: warning: ") + "listening on " + bind
          + ", reachable from other machines; anyone who reaches it can read this workspace");
    }
    if (json) {
      ObjectNode node = JsonOutput.NODES.objectNode();
      node.put("url", server.studioUrl());
      node.put("port", server.port());
      JsonOutput.print(terminal(), node);
    } else {
      terminal().out().println("packer: serving " + workspace.snapshot().state().config().name() + " at "
          + server.studioUrl());
    }
    terminal().out().flush();
    if (open) {
      openBrowser(server.studioUrl());
    }
    stopped.await();
    return ExitCode.OK;
  }

  private ServerOptions serverOptions() throws UsageException {
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be from 0 to 65535, not " + port);
    }
    if (bind == null) {
      return ServerOptions.loopback(port);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new UsageException("--bind " + bind + ": not an address of this machine");
    }
    if (!address.isLoopbackAddress() && !allowRemote) {
      throw new UsageException("--bind " + bind + " is reachable from other machines and would expose this"
          + " workspace; add --allow-remote if that is really meant");
    }
    return new ServerOptions(address, port, allowRemote);
  }

  /**
   * Opens the studio: the desktop's browser through AWT when it has one, else the system's opener.
   * The link is printed either way, so failing here only says so and keeps serving.
   */
  private void openBrowser(String url) {
    if (BrowserOpener.open(url)) {
      return;
    }
    terminal().err().println("packer: could not open a browser (no desktop browser, xdg-open or open);"
        + " open the link above instead");
  }
}
