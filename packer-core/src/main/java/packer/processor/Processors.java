package packer.processor;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import packer.path.PathOrder;

/**
 * The processors of a build, one per asset type: the built-in {@code blob}, {@code image}, {@code
 * json} and {@code text}, plus those plugged in through {@link ServiceLoader}.
 *
 * <pre>{@code
 * Processors processors = Processors.discover(Thread.currentThread().getContextClassLoader());
 * Processor processor = processors.find(declaration.type()).orElseThrow();
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Processors {

  private static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");
  private static final int MAX_TYPE_LENGTH = 64;

  private final SortedMap<String, Processor> byType;

  private Processors(SortedMap<String, Processor> byType) {
    this.byType = byType;
  }

  /** The built-in processors only. */
  public static Processors builtIn() {
    return of(builtInList());
  }

  /**
   * The built-in processors and every {@code packer.processor.Processor} that {@code classLoader}
   * lists in {@code META-INF/services}.
   *
   * @throws IllegalStateException when two processors claim one type, a type name or version is
   *     invalid, or a plugin cannot be loaded; the message names the classes and their jars
   */
  public static Processors discover(ClassLoader classLoader) {
    List<Processor> all = new ArrayList<>(builtInList());
    Iterator<Processor> plugins = ServiceLoader.load(Processor.class, classLoader).iterator();
    while (true) {
      try {
        if (!plugins.hasNext()) {
          break;
        }
        all.add(plugins.next());
      } catch (ServiceConfigurationError e) {
        throw new IllegalStateException("a processor plugin cannot be loaded: " + e.getMessage()
            + "; fix or remove the plugin jar", e);
      }
    }
    return of(all);
  }

  /**
   * Exactly {@code processors}.
   *
   * @throws IllegalStateException when two of them claim one type, or a type name or version is
   *     invalid
   */
  public static Processors of(List<? extends Processor> processors) {
    SortedMap<String, Processor> byType = new TreeMap<>(PathOrder.COMPARATOR);
    for (Processor processor : processors) {
      Objects.requireNonNull(processor, "processor");
      String type = processor.type();
      if (type == null || type.length() > MAX_TYPE_LENGTH || !TYPE_NAME.matcher(type).matches()) {
        throw new IllegalStateException("processor " + describe(processor) + " declares the type "
            + (type == null ? "null" : "'" + type + "'") + "; a type is lowercase letters and digits,"
            + " optionally joined by single '.', '-' or '_', at most " + MAX_TYPE_LENGTH
            + " characters: fix the plugin");
      }
      if (processor.version() < 1) {
        throw new IllegalStateException("processor " + describe(processor) + " for type '" + type
            + "' declares version " + processor.version() + "; versions start at 1: fix the plugin");
      }
      Processor earlier = byType.putIfAbsent(type, processor);
      if (earlier != null) {
        throw new IllegalStateException("two processors claim the asset type '" + type + "': "
            + describe(earlier) + " and " + describe(processor)
            + "; remove one of them from the class path (one type, one processor)");
      }
    }
    return new Processors(byType);
  }

  /** The processor of {@code type}, if there is one. */
  public Optional<Processor> find(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  /** The known types, sorted by their UTF-8 bytes. */
  public List<String> types() {
    return List.copyOf(byType.keySet());
  }

  private static List<Processor> builtInList() {
    return List.of(new BlobProcessor(), new ImageProcessor(), new JsonProcessor(), new TextProcessor());
  }

  /** The class and where it was loaded from, so a user can tell which jar to remove. */
  private static String describe(Processor processor) {
    Class<?> type = processor.getClass();
    if (List.of(BlobProcessor.class, ImageProcessor.class, JsonProcessor.class, TextProcessor.class)
        .contains(type)) {
      return type.getName() + " (built in)";
    }
    CodeSource source = type.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    return type.getName() + (location == null ? "" : " (from " + location + ")");
  }

  @Override
  public String toString() {
    return "Processors" + types();
  }
}
