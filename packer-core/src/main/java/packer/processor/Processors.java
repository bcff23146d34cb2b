package packer.processor;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import packer.path.PathOrder;

/**
 * The processors of a build, one per asset type: the built-in {@code blob}, {@code image}, {@code
 * json} and {@code text}, plus those plugged in through {@link ServiceLoader}, from the class path
 * or from the jars named by the environment variable {@value #PLUGINS_VARIABLE}.
 *
 * <pre>{@code
 * Processors processors = Processors.discover(Thread.currentThread().getContextClassLoader());
 * Processor processor = processors.find(declaration.type()).orElseThrow();
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Processors {

  /** The environment variable naming plugin jars and folders of them, like a class path. */
  public static final String PLUGINS_VARIABLE = "PACKER_PLUGINS";

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
   * The built-in processors, every {@code packer.processor.Processor} that {@code classLoader}
   * lists in {@code META-INF/services}, and those of the plugin jars the environment variable
   * {@value #PLUGINS_VARIABLE} names (see {@link #pluginJars}; relative paths are resolved
   * against the working directory).
   *
   * @throws IllegalStateException when two processors claim one type, a type name or version is
   *     invalid, a plugin cannot be loaded, or {@value #PLUGINS_VARIABLE} names a file that is
   *     missing or not a jar; the message names the classes and their jars
   */
  public static Processors discover(ClassLoader classLoader) {
    return discover(classLoader, pluginJars(System.getenv(PLUGINS_VARIABLE), Path.of("")));
  }

  /**
   * As {@link #discover(ClassLoader)}, with the processors of {@code pluginJars} instead of those
   * the environment names. The jars are loaded by a class loader whose parent is {@code
   * classLoader}, so plugins see packer's API; it stays open as long as the processors are used.
   */
  public static Processors discover(ClassLoader classLoader, List<Path> pluginJars) {
    ClassLoader loader = classLoader;
    if (!pluginJars.isEmpty()) {
      URL[] urls = new URL[pluginJars.size()];
      for (int i = 0; i < urls.length; i++) {
        try {
          urls[i] = pluginJars.get(i).toUri().toURL();
        } catch (MalformedURLException e) {
          throw new IllegalStateException("plugin jar " + pluginJars.get(i) + " has no URL: " + e.getMessage(), e);
        }
      }
      loader = new URLClassLoader("packer-plugins", urls, classLoader);
    }
    List<Processor> all = new ArrayList<>(builtInList());
    Iterator<Processor> plugins = ServiceLoader.load(Processor.class, loader).iterator();
    while (true) {
      try {
        if (!plugins.hasNext()) {
          break;
        }
        all.add(plugins.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        throw new IllegalStateException("a processor plugin cannot be loaded: " + e.getMessage()
            + "; fix or remove the plugin jar", e);
      }
    }
    return of(all);
  }

  /**
   * The jars a plugin path names: entries separated by {@link File#pathSeparator} ({@code :} on
   * Linux and macOS, {@code ;} on Windows), each a jar file or a folder whose {@code *.jar} files
   * are all taken (not its subfolders), in UTF-8 byte order of their names. Relative entries are
   * resolved against {@code base}; empty entries are skipped; {@code null} names no jar.
   *
   * @throws IllegalStateException when an entry does not exist or a file is not a jar
   */
  public static List<Path> pluginJars(String pluginPath, Path base) {
    List<Path> jars = new ArrayList<>();
    if (pluginPath == null) {
      return jars;
    }
    for (String entry : pluginPath.split(Pattern.quote(File.pathSeparator), -1)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path path = base.resolve(entry);
      if (Files.isDirectory(path)) {
        List<Path> inFolder = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path, "*.jar")) {
          for (Path file : files) {
            if (Files.isRegularFile(file)) {
              inFolder.add(file);
            }
          }
        } catch (IOException e) {
          throw new IllegalStateException(PLUGINS_VARIABLE + " names the folder " + entry
              + ", which cannot be read: " + e.getMessage(), e);
        }
        inFolder.sort((a, b) -> PathOrder.compare(a.getFileName().toString(), b.getFileName().toString()));
        for (Path jar : inFolder) {
          jars.add(checkedJar(jar, entry + File.separator + jar.getFileName()));
        }
      } else if (Files.exists(path)) {
        jars.add(checkedJar(path, entry));
      } else {
        throw new IllegalStateException(PLUGINS_VARIABLE + " names " + entry
            + ", which does not exist; give plugin jars or folders of them, separated by '"
            + File.pathSeparator + "'");
      }
    }
    return jars;
  }

  private static Path checkedJar(Path jar, String shown) {
    try {
      new JarFile(jar.toFile()).close();
      return jar;
    } catch (IOException e) {
      throw new IllegalStateException(PLUGINS_VARIABLE + " names " + shown + ", which is not a jar ("
          + e.getMessage() + "); give plugin jars or folders of them", e);
    }
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
