package packer.workspace;

import java.nio.file.Path;

/** No packer.json in the folder or any of its ancestors. */
public final class NotAWorkspaceException extends Exception {
  public NotAWorkspaceException(Path start) {
    super("not inside a packer workspace: no packer.json in " + start
        + " or any folder above it; run packer init, or pass -C WORKSPACE");
  }
}
