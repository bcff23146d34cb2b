package packer.cli.remote;

/**
 * The workspace is locked and its discovery file names a server that cannot take the command:
 * the process is gone, or it does not answer. The command was not sent; nothing was written.
 */
public final class ServerUnavailableException extends Exception {
  public ServerUnavailableException(String message) {
    super(message);
  }
}
