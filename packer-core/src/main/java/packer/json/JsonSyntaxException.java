package packer.json;

/** A JSON text that does not parse, with where it stops making sense. */
public final class JsonSyntaxException extends Exception {
  private final int line;
  private final int column;

  public JsonSyntaxException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
