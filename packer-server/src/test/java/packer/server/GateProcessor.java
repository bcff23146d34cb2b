package packer.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import packer.processor.ParamProblem;
import packer.processor.ProcessingException;
import packer.processor.Processor;
import packer.processor.ProcessorInput;

/**
 * Type {@code test.gate} (found through META-INF/services of the tests): copies its one input, but
 * only once the test opens the gate, so a test holds a build in the middle without timing.
 */
public final class GateProcessor implements Processor {

  /** A shut gate: {@link #reached} when a build waits at it, {@link #open} lets it through. */
  record Gate(CountDownLatch reachedLatch, CountDownLatch openLatch) {
    void open() {
      openLatch.countDown();
    }

    void reached() throws InterruptedException {
      if (!reachedLatch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("no build reached the gate within 30 s");
      }
    }
  }

  private static volatile Gate gate = new Gate(new CountDownLatch(0), new CountDownLatch(0));

  /** Shuts the gate for the builds to come; open it again before the test ends. */
  static Gate shut() {
    gate = new Gate(new CountDownLatch(1), new CountDownLatch(1));
    return gate;
  }

  @Override
  public String type() {
    return "test.gate";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<ParamProblem> checkParams(JsonNode params) {
    return List.of();
  }

  @Override
  public byte[] process(ProcessorInput input) throws ProcessingException {
    Gate now = gate;
    now.reachedLatch().countDown();
    try {
      if (!now.openLatch().await(30, TimeUnit.SECONDS)) {
        throw ProcessingException.ofAsset("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProcessingException.ofAsset("interrupted at the gate");
    }
    return input.onlyFile().bytes();
  }
}
