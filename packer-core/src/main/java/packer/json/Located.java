package packer.json;

/** A 1-based line and column in a source text. */
public record Located(int line, int column) {
  public static final Located NOWHERE = new Located(0, 0);
}
