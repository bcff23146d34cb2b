package packer.cli.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the {@code ./packer} launcher runs packer: which java, which JVM flags, which jar. The
 * benchmark starts packer the same way, so the figures are what users see.
 *
 * @param flagsSource where the flags were read, for the report
 */
record Launcher(
    Path java, List<String> flags, List<String> quickJitFlags, Set<String> fullJitCommands, Path jar,
    String flagsSource) {

  /** The flags of the launcher's {@code exec java} line when this was written; used if it cannot be read. */
  static final List<String> FALLBACK_FLAGS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmn32m", "-Xshare:auto");

  static final List<String> FALLBACK_QUICK_JIT = List.of("-XX:TieredStopAtLevel=1", "-Xmn32m");

  static final Set<String> FALLBACK_FULL_JIT_COMMANDS = Set.of("build", "gc", "verify", "extract", "serve", "watch");

  /**
   * @param flags the flags of a short command (such as {@code status})
   * @param quickJitFlags those of {@code flags} the launcher drops for {@code fullJitCommands}
   */
  Launcher {
    flags = List.copyOf(flags);
    quickJitFlags = List.copyOf(quickJitFlags);
    fullJitCommands = Set.copyOf(fullJitCommands);
  }

  /**
   * The launcher of the jar this code runs from (or {@code jarOverride}): the flags are read from
   * the {@code exec java} line of the {@code packer} script at the root of the checkout that built
   * the jar ({@code <root>/packer-cli/target/packer.jar}).
   */
  static Launcher locate(Optional<Path> jarOverride) throws IOException {
    Path jar = jarOverride.isPresent() ? jarOverride.get().toAbsolutePath().normalize() : runningJar();
    if (!Files.isRegularFile(jar)) {
      throw new IOException("no packer jar at " + jar + "; build it (mvn package) or pass --jar");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path target = jar.getParent();
    Path module = target == null ? null : target.getParent();
    Path home = module == null ? null : module.getParent();
    Path script = home == null ? null : home.resolve("packer");
    if (script != null && Files.isRegularFile(script)) {
      List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
      Optional<List<String>> flags = flagsOf(lines);
      if (flags.isPresent()) {
        List<String> all = new ArrayList<>(flags.get());
        Path archive = jar.resolveSibling("packer.jsa");
        boolean cds = lines.stream().anyMatch(l -> l.contains("-XX:SharedArchiveFile=\"$cds\""))
            && Files.isRegularFile(archive)
            && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0;
        if (cds) {
          // As the launcher adds them when its class-data archive is there and current.
          all.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        return new Launcher(java, all, quickJitFlagsOf(lines), fullJitCommandsOf(lines), jar,
            "the exec line of " + home.relativize(script) + (cds ? ", with its class-data archive" : ""));
      }
    }
    return new Launcher(java, FALLBACK_FLAGS, FALLBACK_QUICK_JIT, FALLBACK_FULL_JIT_COMMANDS, jar,
        "built-in copy of the launcher's flags (no ./packer found)");
  }

  /**
   * The flags as a report shows them: paths inside the checkout relative to it, so that no report
   * names the folder it was run from.
   */
  List<String> reportedFlags() {
    Path target = jar.getParent();
    Path home = target == null || target.getParent() == null ? null : target.getParent().getParent();
    if (home == null) {
      return flags;
    }
    String prefix = home + home.getFileSystem().getSeparator();
    return flags.stream().map(flag -> flag.replace(prefix, "")).toList();
  }

  private static Path runningJar() throws IOException {
    try {
      Path location = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!location.toString().endsWith(".jar")) {
        throw new IOException("packer is not running from its jar (" + location + "); pass --jar");
      }
      return location;
    } catch (URISyntaxException e) {
      throw new IOException("cannot tell where packer's jar is; pass --jar", e);
    }
  }

  /** The JVM flags on the script's {@code exec java ... -jar} line, without shell expansions. */
  static Optional<List<String>> flagsOf(List<String> script) {
    for (String line : script) {
      String trimmed = line.trim();
      if (!trimmed.startsWith("exec java ")) {
        continue;
      }
      List<String> flags = new ArrayList<>();
      for (String token : trimmed.substring("exec java ".length()).trim().split("\\s+")) {
        if (token.equals("-jar")) {
          return Optional.of(flags);
        }
        if ((token.contains("short_flags[@]") || token.contains("jit[@]"))) {
          flags.addAll(quickJitFlagsOf(script));
        } else if (token.startsWith("-") && !token.contains("$")) {
          flags.add(token);
        }
      }
    }
    return Optional.empty();
  }

  /** The script's {@code short_flags=(...)}: the flags of short commands only. */
  static List<String> quickJitFlagsOf(List<String> script) {
    for (String line : script) {
      String trimmed = line.trim();
      // jit=(...) is what launchers before short_flags called it: --jar may name an older build.
      for (String prefix : List.of("short_flags=(", "jit=(")) {
        if (trimmed.startsWith(prefix) && trimmed.endsWith(")")) {
          String inside = trimmed.substring(prefix.length(), trimmed.length() - 1).trim();
          return inside.isEmpty() ? List.of() : List.of(inside.split("\\s+"));
        }
      }
    }
    return List.of();
  }

  /** The script's {@code full_jit_commands}: the commands run without the quick-JIT flags. */
  static Set<String> fullJitCommandsOf(List<String> script) {
    for (String line : script) {
      String trimmed = line.trim();
      if (trimmed.startsWith("full_jit_commands=\"") && trimmed.endsWith("\"")) {
        String inside = trimmed.substring("full_jit_commands=\"".length(), trimmed.length() - 1).trim();
        return inside.isEmpty() ? Set.of() : new TreeSet<>(List.of(inside.split("\\s+")));
      }
    }
    return Set.of();
  }

  /** The flags the launcher uses for {@code args}: its subcommand is the first non-option. */
  List<String> flagsFor(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("-C")) {
        i++;
      } else if (!args[i].startsWith("-")) {
        if (fullJitCommands.contains(args[i])) {
          List<String> full = new ArrayList<>(flags);
          full.removeAll(quickJitFlags);
          return full;
        }
        break;
      }
    }
    return flags;
  }

  /** {@code java <launcher flags for args> <extra flags> -jar packer.jar <args>}. */
  List<String> command(List<String> extraFlags, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(flagsFor(args));
    command.addAll(extraFlags);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return command;
  }

  /** {@code java <flags> -jar packer.jar <args>}, without the launcher's flags. */
  List<String> commandWithOnly(List<String> flagsOnly, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(flagsOnly);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return command;
  }

  /** This process's environment, with the UTF-8 file-name locale the launcher guarantees. */
  static Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    String encoding = System.getProperty("sun.jnu.encoding", "");
    if (!encoding.equalsIgnoreCase("UTF-8")) {
      environment.put("LC_ALL", "C.UTF-8");
    }
    return environment;
  }
}
