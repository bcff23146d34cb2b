package packer.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Print a shell completion script.",
    "  bash: source <(packer completion bash)",
    "  zsh:  source <(packer completion zsh)"})
final class CompletionCommand implements Callable<Integer> {

  enum Shell { bash, zsh }

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine rootLine = spec.root().commandLine();
    String script = AutoComplete.bash("packer", rootLine);
    if (shell == Shell.zsh) {
      script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
    }
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
