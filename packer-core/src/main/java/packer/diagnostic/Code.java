package packer.diagnostic;

/**
 * The stable codes of diagnostics. Tools and people match on these; never rename one, add new ones.
 * The README lists them with the fix for each.
 */
public enum Code {
  JSON_SYNTAX("json-syntax"),
  TOO_LARGE("too-large"),
  UNKNOWN_KEY("unknown-key"),
  REGISTRY_KEY("registry-key"),
  BAD_VALUE("bad-value"),
  MISSING_KEY("missing-key"),
  UNKNOWN_TYPE("unknown-type"),
  BAD_PARAM("bad-param"),
  MISSING_INPUT("missing-input"),
  ESCAPING_INPUT("escaping-input"),
  NESTED_ASSET("nested-asset"),
  DUPLICATE_NAME("duplicate-name"),
  CASE_COLLISION("case-collision"),
  NON_NFC_PATH("non-nfc-path"),
  ID_BOUND_TWICE("id-bound-twice"),
  FOLDER_BOUND_TWICE("folder-bound-twice"),
  BAD_REGISTRY_RECORD("bad-registry-record"),
  MISSING_ASSET("missing-asset"),
  UNREGISTERED("unregistered"),
  BAD_CONFIG("bad-config"),
  PROCESSING_FAILED("processing-failed"),
  INPUT_CHANGED("input-changed");

  private final String id;

  Code(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
