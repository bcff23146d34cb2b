package packer.durability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import packer.fs.FileTrees;

/**
 * Hands every durability test class the same {@link Scenarios}, built once per test run (learning
 * them runs each command for real) and deleted when the run ends.
 */
final class SharedScenarios implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedScenarios.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Scenarios.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Built.class, key -> Built.build(), Built.class).scenarios();
  }

  /** Closed by JUnit at the end of the run, which deletes the fixtures. */
  private record Built(Path dir, Scenarios scenarios) implements AutoCloseable {
    static Built build() {
      try {
        Path dir = Files.createTempDirectory("packer-durability-");
        return new Built(dir, Scenarios.build(dir));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException("the durability fixtures could not be built: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      FileTrees.delete(dir);
    }
  }
}
