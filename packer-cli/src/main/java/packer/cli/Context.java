package packer.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import packer.workspace.Options;

/**
 * What every command runs with: where it was started, its terminal, its environment, and the
 * workspace options, made on first use.
 */
record Context(Path workingDirectory, Terminal terminal, Map<String, String> environment, Supplier<Options> optionSource) {

  Options options() {
    return optionSource.get();
  }
}
