package packer.snapshot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Holds the current snapshot behind one atomic reference. Readers take it once and use only that
 * object, never waiting for a writer; only the lane publishes, after its commit is durable.
 */
public final class SnapshotPublisher {

  private final AtomicReference<Snapshot> current;
  private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();

  public SnapshotPublisher(Snapshot initial) {
    this.current = new AtomicReference<>(initial);
  }

  public Snapshot current() {
    return current.get();
  }

  /** Calls {@code listener} with every snapshot published from now on, on the publishing thread. */
  public AutoCloseable subscribe(Consumer<Snapshot> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public void publish(Snapshot next) {
    Snapshot previous = current.get();
    if (next.version() <= previous.version()) {
      throw new IllegalArgumentException(
          "snapshot versions only go forward: " + next.version() + " after " + previous.version());
    }
    current.set(next);
    for (Consumer<Snapshot> listener : listeners) {
      listener.accept(next);
    }
  }
}
