package packer.cli.repro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code packer build} in a fresh JVM, started in a workspace with this JVM's class path, as an
 * immutable recipe: {@code BuildChild.in(dir).jvm("-Duser.timezone=UTC").env("TZ", "UTC").build()}.
 * A separate JVM is the only way to vary what is fixed at JVM start: default locale, time zone,
 * file-name encoding, identity hash codes and {@code Set.of} iteration order.
 */
public final class BuildChild {

  private static final long TIMEOUT_SECONDS = 120;

  private final Path workspace;
  private final List<String> jvmFlags;
  private final Map<String, String> environment;

  private BuildChild(Path workspace, List<String> jvmFlags, Map<String, String> environment) {
    this.workspace = workspace;
    this.jvmFlags = jvmFlags;
    this.environment = environment;
  }

  /** A child started in {@code workspace} with this JVM's environment and a UTF-8 locale. */
  public static BuildChild in(Path workspace) {
    return new BuildChild(workspace, List.of(), Map.of("LC_ALL", "C.UTF-8"));
  }

  public BuildChild jvm(String... flags) {
    List<String> next = new ArrayList<>(jvmFlags);
    next.addAll(List.of(flags));
    return new BuildChild(workspace, List.copyOf(next), environment);
  }

  public BuildChild env(String name, String value) {
    Map<String, String> next = new TreeMap<>(environment);
    next.put(name, value);
    return new BuildChild(workspace, jvmFlags, Map.copyOf(next));
  }

  /** Runs {@code packer build ARGS}; fails with the child's output unless it exits 0. */
  public Built build(String... args) {
    Path log = workspace.resolveSibling(workspace.getFileName() + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "packer.cli.Main", "build"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workspace.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("packer build did not end within " + TIMEOUT_SECONDS + " s: " + this);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError("packer build exited " + process.exitValue() + " (" + this + "):\n" + output);
      }
      return Built.readFrom(workspace, output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return "in " + workspace + ", JVM flags " + jvmFlags + ", environment " + environment;
  }
}
