package packer.cli;

/** A mistake in what the user asked: the message says what to type instead. */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}
