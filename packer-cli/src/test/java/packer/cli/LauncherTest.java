package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static packer.cli.CliResultAssert.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./packer} launcher, run as a child process: whatever the locale, it makes the JVM
 * read file names as UTF-8, so non-ASCII asset folders are listed as they are.
 *
 * <p>The launcher rebuilds when any source under its folder is newer than the jar, and these very
 * tests are such sources. So that a test run never starts a Maven build inside itself, the test
 * runs a byte-for-byte copy of the launcher next to a copy of the jar; the jar is built once through
 * the real launcher when it does not exist yet.
 */
class LauncherTest {

  static final String FOLDER = "héros-Ω";

  static Path repository;
  static Path jar;

  @TempDir Path dir;
  Path launcher;
  Path workspace;

  @BeforeAll
  static void findOrBuildTheJar() throws Exception {
    repository = Path.of("..").toAbsolutePath().normalize();
    assumeTrue(Files.isExecutable(repository.resolve("packer")), "the launcher is at the repository root");
    jar = repository.resolve("packer-cli/target/packer.jar");
    if (!Files.exists(jar)) {
      Run build = run(List.of(repository.resolve("packer").toString(), "--version"), Map.of(), 900);
      assertThat(build.code()).as("building through the launcher:\n%s", build).isZero();
    }
    assertThat(jar).exists();
  }

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")), "this JVM can create non-ASCII names");
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve("packer-cli/target"));
    launcher = home.resolve("packer");
    Files.copy(repository.resolve("packer"), launcher);
    Files.copy(jar, home.resolve("packer-cli/target/packer.jar"));
    Files.setLastModifiedTime(launcher, FileTime.fromMillis(0));
    assertThat(Cli.in(dir).run("init", "game")).succeeds();
    workspace = dir.resolve("game");
    Files.createDirectories(workspace.resolve("assets").resolve(FOLDER));
    Files.writeString(workspace.resolve("assets").resolve(FOLDER).resolve("asset.json"), "{\"type\": \"blob\"}\n");
  }

  @Test
  void theLauncherListsANonAsciiFolderUnderTheCLocale() throws Exception {
    Run listed = run(List.of(launcher.toString(), "-C", workspace.toString(), "ls"), Map.of("LC_ALL", "C"), 120);

    assertThat(listed.code()).as(listed.toString()).isZero();
    assertThat(listed.out()).as(listed.toString()).contains("assets/" + FOLDER).contains(" " + FOLDER + " ");
    assertThat(listed.err()).as("the launcher must not rebuild").doesNotContain("building");
  }

  @Test
  void theLauncherAdoptsANonAsciiFolderUnderTheCLocale() throws Exception {
    Run adopted = run(List.of(launcher.toString(), "-C", workspace.toString(), "adopt", "--all"),
        Map.of("LC_ALL", "C"), 120);

    assertThat(adopted.code()).as(adopted.toString()).isZero();
    assertThat(Cli.in(workspace).run("ls", "--json").json().get(0).path("root").asText()).isEqualTo("assets/" + FOLDER);
  }

  @Test
  void theLauncherMakesAClassDataArchiveForItsJarWithoutAWord() throws Exception {
    Run first = run(List.of(launcher.toString(), "-C", workspace.toString(), "ls"), Map.of(), 180);
    Run second = run(List.of(launcher.toString(), "-C", workspace.toString(), "ls"), Map.of(), 120);

    Path archive = launcher.resolveSibling("packer-cli/target/packer.jsa");
    assertThat(archive).as("made by a training run after the jar appeared").isNotEmptyFile();
    assertThat(Files.getLastModifiedTime(archive))
        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(launcher.resolveSibling("packer-cli/target/packer.jar")));
    for (Run run : List.of(first, second)) {
      assertThat(run.code()).as(run.toString()).isZero();
      assertThat(run.out()).as(run.toString()).contains("assets/" + FOLDER);
      assertThat(run.err()).as(run.toString()).isEmpty();
    }
  }

  @Test
  void anUnusableClassDataArchiveIsPassedOverSilently() throws Exception {
    Path archive = launcher.resolveSibling("packer-cli/target/packer.jsa");
    Files.writeString(archive, "not a class-data archive", StandardCharsets.UTF_8); // Newer than the jar.

    Run listed = run(List.of(launcher.toString(), "-C", workspace.toString(), "ls"), Map.of(), 120);

    assertThat(listed.code()).as(listed.toString()).isZero();
    assertThat(listed.out()).as(listed.toString()).contains("assets/" + FOLDER);
    assertThat(listed.err()).as(listed.toString()).isEmpty();
  }

  @Test
  void theLauncherRebuildsWhenASourceOrAPomChangesButNotForTheBuildsOwnOutput() throws Exception {
    Path home = launcher.getParent();
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path builds = dir.resolve("mvn-calls");
    Path mvn = bin.resolve("mvn");
    Files.writeString(mvn, "#!/bin/sh\necho \"$@\" >> '" + builds + "'\n", StandardCharsets.UTF_8);
    assertThat(mvn.toFile().setExecutable(true)).isTrue();
    Map<String, String> env = Map.of("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    Path module = home.resolve("packer-core");
    Path source = write(module.resolve("src/main/java/packer/Hero.java"), "final class Hero {}\n");
    Path second = write(module.resolve("src/main/java/packer/Villain.java"), "final class Villain {}\n");
    Path pom = write(module.resolve("pom.xml"), "<project/>\n");
    Path output = write(module.resolve("target/classes/packer/Hero.class"), "classes\n");

    age(module);
    assertThat(launch(env)).as("nothing changed").doesNotContain("building");
    Files.setLastModifiedTime(output, inAnHour());
    assertThat(launch(env)).as("only the build's output changed").doesNotContain("building");
    assertThat(builds).doesNotExist();

    Files.setLastModifiedTime(source, inAnHour());
    assertThat(launch(env)).as("a source changed").contains("packer: building");
    age(module);
    Files.delete(second);
    assertThat(launch(env)).as("a source was removed").contains("packer: building");
    age(module);
    Files.setLastModifiedTime(pom, inAnHour());
    assertThat(launch(env)).as("a pom changed").contains("packer: building");
    assertThat(Files.readAllLines(builds, StandardCharsets.UTF_8)).hasSize(3).allMatch(line -> line.contains("package"));
  }

  private String launch(Map<String, String> env) throws Exception {
    Run version = run(List.of(launcher.toString(), "--version"), env, 180);
    assertThat(version.code()).as(version.toString()).isZero();
    assertThat(version.out()).as(version.toString()).startsWith("packer ");
    return version.err();
  }

  /** Every file and folder below {@code folder} an hour old: older than the launcher's jar. */
  private static void age(Path folder) throws IOException {
    FileTime anHourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path path : all.toList()) {
        Files.setLastModifiedTime(path, anHourAgo);
      }
    }
  }

  private static FileTime inAnHour() {
    return FileTime.fromMillis(System.currentTimeMillis() + 3_600_000);
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @Test
  void withoutTheLauncherTheJvmUnderTheCLocaleWouldMangleTheName() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    Run direct = run(List.of(java.toString(), "-jar", jar.toString(), "-C", workspace.toString(), "ls"),
        Map.of("LC_ALL", "C"), 120);

    assertThat(direct.out()).as("this control shows the launcher test is meaningful:\n%s", direct)
        .doesNotContain(FOLDER);
  }

  record Run(int code, String out, String err) {}

  /** Runs a child process with the locale variables of this one removed and {@code env} added. */
  static Run run(List<String> command, Map<String, String> env, long timeoutSeconds) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
    builder.environment().keySet().removeIf(name -> name.equals("LANG") || name.startsWith("LC_"));
    builder.environment().putAll(env);
    Path out = Files.createTempFile("launcher", ".out");
    Path err = Files.createTempFile("launcher", ".err");
    try {
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
      }
      return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
