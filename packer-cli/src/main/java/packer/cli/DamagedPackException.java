package packer.cli;

/** A pack that is not one, or is damaged; the message names the pack as typed and the offset. */
final class DamagedPackException extends Exception {
  DamagedPackException(String message, Throwable cause) {
    super(message, cause);
  }
}
