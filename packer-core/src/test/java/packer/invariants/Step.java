package packer.invariants;

/**
 * One generated action on a workspace, as plain numbers so jqwik can shrink it. What they point at
 * is decided when the step runs, each index taken modulo what exists at that moment, so a step
 * stays meaningful however the sequence around it shrinks.
 *
 * @param asset chooses the asset acted on
 * @param folder chooses a destination folder from {@link LiveWorkspace#FOLDERS}
 * @param name chooses a name from {@link LiveWorkspace#NAMES}
 * @param flag the action's yes/no variant: a name already taken, keep files, an explicit name...
 */
record Step(Action action, int asset, int folder, int name, boolean flag) {

  /** What a step does: a lane command, something an author does by hand, or a reopen. */
  enum Action {
    CREATE,
    /** Writes a folder with an asset.json by hand, reopens so packer sees it, and adopts it. */
    ADOPT_HANDMADE,
    /** Adopts a folder packer sees without an id: a copy, or one removed with its files kept. */
    ADOPT_UNREGISTERED,
    RENAME,
    MOVE,
    UPDATE,
    REMOVE,
    /** Rebinds a missing asset to a folder without an id, as after a move outside packer. */
    RELOCATE,
    /** Moves an asset folder with {@code Files.move}, as a file manager or git mv would. */
    EXTERNAL_MOVE,
    /** Copies an asset folder; the original stays. */
    EXTERNAL_COPY,
    /** Rewrites an asset.json by hand with another name. */
    EXTERNAL_EDIT,
    EXTERNAL_DELETE,
    /** Closes the workspace and opens it again: recovery and a fresh scan. */
    REOPEN
  }

  @Override
  public String toString() {
    return action + "(asset " + asset + ", folder " + folder + ", name " + name + (flag ? ", flag" : "") + ")";
  }
}
