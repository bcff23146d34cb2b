package packer.cli;

import java.nio.file.Path;
import java.util.Map;
import packer.workspace.Options;

/** What every command runs with: where it was started, its terminal, its environment. */
record Context(Path workingDirectory, Terminal terminal, Map<String, String> environment, Options options) {}
