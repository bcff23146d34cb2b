package packer.lane;

import java.util.OptionalLong;

/** A command the lane refused; nothing was written. */
public final class CommandRejected extends Exception {

  /** Why a command was refused. */
  public enum Reason {
    /** The command names something that is not there (an unknown id, a folder without asset.json). */
    NOT_FOUND,
    /** The command would break an invariant (a taken name or folder, a bad value). */
    INVALID,
    /** The workspace changed since the caller looked: a stale version, a file edited on disk. */
    CONFLICT
  }

  private final Reason reason;
  private final OptionalLong currentVersion;

  public CommandRejected(Reason reason, String message) {
    this(reason, message, OptionalLong.empty());
  }

  public CommandRejected(Reason reason, String message, OptionalLong currentVersion) {
    super(message);
    this.reason = reason;
    this.currentVersion = currentVersion;
  }

  public Reason reason() {
    return reason;
  }

  /** For a stale write: the version the caller should read again. */
  public OptionalLong currentVersion() {
    return currentVersion;
  }
}
