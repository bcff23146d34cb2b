package packer.watch;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the watcher's hints come from: the file system's change notifications in production
 * ({@link DirectorySource}), events a test sends by hand otherwise.
 */
interface EventSource extends AutoCloseable {

  /** Receives what the source saw; called from the source's own thread. */
  interface Sink {
    /** Something at {@code path} (absolute) was created, changed or deleted. */
    void changed(Path path);

    /** Events were lost: only a full read of the workspace can tell what changed. */
    void overflow();

    /** The source failed to report something: as an overflow. */
    void failed(Exception cause);
  }

  /** Starts watching; returns once every change from now on will reach {@code sink}. */
  void start(Sink sink) throws IOException;

  /** Stops watching and its threads. */
  @Override
  void close() throws IOException;
}
