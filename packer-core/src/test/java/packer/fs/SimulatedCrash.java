package packer.fs;

/**
 * Stands for the process dying at a step of the disk seam. It is an {@link Error}, so packer never
 * mistakes it for an I/O failure it could handle: the lane dies with it, as the process would.
 */
public final class SimulatedCrash extends Error {

  private static final long serialVersionUID = 1L;

  public SimulatedCrash(String message) {
    // No stack trace: the crash is planned, and hundreds of them run in one test.
    super(message, null, false, false);
  }
}
