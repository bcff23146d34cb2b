package packer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import packer.workspace.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Create a workspace: packer.json, an empty registry/, and .packer/ for local state.")
final class InitCommand extends BaseCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Folder of the new workspace (default: the current one).")
  String directory;

  @Option(names = "--name", description = "Workspace name (default: the folder's name).")
  String name;

  @Override
  public Integer call() throws Exception {
    Path dir = root.base().resolve(directory == null ? "." : directory).toAbsolutePath().normalize();
    if (Files.exists(dir.resolve("packer.json"))) {
      throw new UsageException("'" + (directory == null ? "." : directory) + "' is already a workspace (it has a packer.json)");
    }
    String workspaceName = name != null ? name : dir.getFileName() == null ? "workspace" : dir.getFileName().toString();
    Workspace.init(dir, workspaceName);
    String shown = directory == null ? "." : directory;
    if (json) {
      JsonOutput.print(terminal(), JsonOutput.NODES.objectNode().put("name", workspaceName).put("root", shown));
    } else {
      terminal().out().println("Initialized workspace '" + workspaceName + "' in " + shown);
      terminal().out().println(terminal().dim("Next: packer -C " + shown + " new assets/NAME --type blob --input FILE"));
    }
    return ExitCode.OK;
  }
}
