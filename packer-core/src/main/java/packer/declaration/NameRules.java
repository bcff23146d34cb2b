package packer.declaration;

/** What makes a good asset name: a label people type, unique in the workspace. */
public final class NameRules {

  private NameRules() {}

  /** Why {@code name} cannot be an asset name, or null when it can. */
  public static String problem(String name) {
    if (name.isEmpty()) {
      return "the name is empty; give the asset a name";
    }
    if (name.length() > DeclarationReader.MAX_NAME_LENGTH) {
      return "the name is longer than " + DeclarationReader.MAX_NAME_LENGTH + " characters";
    }
    if (!name.strip().equals(name)) {
      return "the name starts or ends with white space; remove it";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        return "the name contains a control character";
      }
    }
    return null;
  }
}
