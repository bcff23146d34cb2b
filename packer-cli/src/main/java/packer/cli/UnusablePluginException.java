package packer.cli;

/** A processor plugin that cannot be used (see {@code Processors.discover}): the message says which and why. */
final class UnusablePluginException extends RuntimeException {
  UnusablePluginException(IllegalStateException cause) {
    super(cause.getMessage(), cause);
  }
}
