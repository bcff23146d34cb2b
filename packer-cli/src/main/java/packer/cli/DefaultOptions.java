package packer.cli;

import java.util.function.Supplier;
import packer.workspace.Options;

/**
 * {@link Options#defaults()}, made when a command first opens a workspace: looking up the processor
 * plugins is then paid only by the commands that read asset types, not by {@code --version},
 * {@code --help}, {@code init} or {@code completion}.
 */
final class DefaultOptions implements Supplier<Options> {

  private Options options;

  /** @throws UnusablePluginException when a processor plugin cannot be used */
  @Override
  public synchronized Options get() {
    if (options == null) {
      try {
        options = Options.defaults();
      } catch (IllegalStateException e) {
        throw new UnusablePluginException(e);
      }
    }
    return options;
  }
}
