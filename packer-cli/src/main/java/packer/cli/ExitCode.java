package packer.cli;

/** The exit codes of packer, each one distinct; the README documents them. */
public final class ExitCode {
  public static final int OK = 0;
  /** The workspace (or a pack) has errors: check, build and doctor report them. */
  public static final int PROBLEMS = 1;
  /** Bad arguments, an unknown or ambiguous asset, or not inside a workspace. */
  public static final int USAGE = 2;
  /** The command would break a rule of the workspace (a taken name or folder, a missing asset). */
  public static final int REFUSED = 3;
  /** The workspace changed since it was read: a file edited on disk, a stale version. */
  public static final int CONFLICT = 4;
  /** Another process is writing the workspace. */
  public static final int LOCKED = 5;
  /** Reading or writing a file failed. */
  public static final int IO = 6;
  /** A bug in packer. */
  public static final int INTERNAL = 70;

  private ExitCode() {}
}
