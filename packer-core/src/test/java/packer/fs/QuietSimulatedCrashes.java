package packer.fs;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps a planned {@link SimulatedCrash} that kills a background thread (the lane's) from printing
 * to the test output; any other uncaught throwable is handled as before. For a test class:
 * {@code @ExtendWith(QuietSimulatedCrashes.class)}.
 */
public final class QuietSimulatedCrashes implements BeforeAllCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(QuietSimulatedCrashes.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    context.getStore(NAMESPACE).put("previous", new Previous(previous));
    Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
      if (failure instanceof SimulatedCrash) {
        return;
      }
      if (previous != null) {
        previous.uncaughtException(thread, failure);
      } else {
        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
        failure.printStackTrace();
      }
    });
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Previous previous = context.getStore(NAMESPACE).get("previous", Previous.class);
    Thread.setDefaultUncaughtExceptionHandler(previous == null ? null : previous.handler());
  }

  private record Previous(Thread.UncaughtExceptionHandler handler) {}
}
