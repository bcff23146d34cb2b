package packer.server.build;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import packer.diagnostic.Diagnostic;

/**
 * One build of the server as it stands: running with how far it is, or finished with its result,
 * its diagnostics or its error.
 *
 * @param number counts the server's builds from 1
 * @param version the snapshot version it builds
 * @param done assets done so far
 * @param total assets planned (0 before planning)
 * @param result what a successful build wrote
 * @param diagnostics why the workspace could not be built (errors and warnings, workspace order)
 * @param error a one-line reason when it failed for another reason
 */
public record BuildStatus(
    int number, State state, long version, int done, int total, Optional<Result> result,
    List<Diagnostic> diagnostics, Optional<String> error) {

  public enum State {
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    FAILED("failed");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * What a successful build wrote.
   *
   * @param pack the pack, relative to the workspace root with {@code /} separators
   * @param reused entries not processed: from the build cache or the previous pack
   * @param rewritten false when the pack on disk already held exactly these entries
   */
  public record Result(
      String pack, long bytes, String sha256, int entries, int processed, int reused, boolean rewritten,
      long millis) {}

  public BuildStatus {
    Objects.requireNonNull(state, "state");
    diagnostics = List.copyOf(diagnostics);
  }

  static BuildStatus started(int number, long version) {
    return new BuildStatus(number, State.RUNNING, version, 0, 0, Optional.empty(), List.of(), Optional.empty());
  }

  BuildStatus planned(int assets) {
    return new BuildStatus(number, state, version, done, assets, result, diagnostics, error);
  }

  BuildStatus progressed(int doneNow) {
    return new BuildStatus(number, state, version, doneNow, total, result, diagnostics, error);
  }

  BuildStatus succeeded(Result written) {
    return new BuildStatus(number, State.SUCCEEDED, version, done, total, Optional.of(written), List.of(),
        Optional.empty());
  }

  BuildStatus failed(List<Diagnostic> found, Optional<String> reason) {
    return new BuildStatus(number, State.FAILED, version, done, total, Optional.empty(), found, reason);
  }

  public boolean running() {
    return state == State.RUNNING;
  }
}
