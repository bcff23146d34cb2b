package packer.lock;

import java.nio.file.Path;

/** Another writer holds the workspace. */
public final class WorkspaceLockedException extends Exception {
  private final String holder;

  public WorkspaceLockedException(Path root, String holder) {
    super("the workspace " + root.getFileName() + " is being written by " + holder
        + "; wait for it to finish (or stop it), then run the command again");
    this.holder = holder;
  }

  public String holder() {
    return holder;
  }
}
