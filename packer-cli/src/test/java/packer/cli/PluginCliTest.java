package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.processor.Processors;

/**
 * Issue 3, point 5: a new asset type plugs in from a jar, without rebuilding packer. The test
 * compiles the README's example plugin with the JDK's compiler, jars it with its services file,
 * and runs packer as a user does ({@code Main.main} in a child JVM) with {@code PACKER_PLUGINS}
 * naming the folder that holds the jar.
 */
class PluginCliTest {

  static final Path EXAMPLE = Path.of("src/test/resources/plugin-example/com/acme/packer/ShoutText.java");
  static final String SERVICES = "META-INF/services/packer.processor.Processor";

  @TempDir Path dir;

  private TestWorkspace ws;
  private Path plugins;

  @BeforeEach
  void aWorkspaceWithAnAssetOfThePluginsType() throws IOException {
    ws = TestWorkspace.init(dir.resolve("work"));
    ws.asset("assets/greeting").name("greeting").type("acme.shout").input("hi.txt", "hello, istanbul\n")
        .key("params", "{\"exclaim\": true}").create();
    assertThat(ws.run("adopt", "--all")).succeeds();
    plugins = Files.createDirectories(dir.resolve("plugins"));
  }

  @Test
  void withoutThePluginTheTypeIsUnknown() {
    assertThat(ws.run("check")).exitsWith(ExitCode.PROBLEMS)
        .reportsError("assets/greeting/asset.json", 3, 11, "unknown-type", "acme.shout");
  }

  @Test
  void aPluginJarInThePluginFolderProcessesItsTypeInABuild() throws Exception {
    jar(plugins.resolve("acme-shout.jar"), compileExample(), "com.acme.packer.ShoutText\n");

    Run check = packer(plugins.toString(), "check");
    assertThat(check.code()).as("%s", check).isZero();
    Run build = packer(plugins.toString(), "build");
    assertThat(build.code()).as("%s", build).isZero();

    CliResult extracted = ws.run("extract", "build/game.pack", "greeting");
    assertThat(extracted).succeeds();
    // Locale.ROOT in the plugin: under tr_TR "istanbul" would become "İSTANBUL".
    assertThat(extracted.out()).isEqualTo("HELLO, ISTANBUL\n!");
    assertThat(ws.run("inspect", "build/game.pack", "--json").json().path("entries").get(0).path("type").asText())
        .isEqualTo("acme.shout");
  }

  @Test
  void thePluginChecksItsParamsAtTheirLine() throws Exception {
    jar(plugins.resolve("acme-shout.jar"), compileExample(), "com.acme.packer.ShoutText\n");
    ws.write("assets/greeting/asset.json",
        "{\n  \"type\": \"acme.shout\",\n  \"inputs\": [\"hi.txt\"],\n  \"params\": {\n    \"loud\": 11\n  }\n}\n");

    Run check = packer(plugins.toString(), "check");

    assertThat(check.code()).as("%s", check).isEqualTo(ExitCode.PROBLEMS);
    assertThat(check.out()).contains("assets/greeting/asset.json:5:")
        .contains("unknown param \"loud\"; acme.shout takes \"exclaim\"");
  }

  @Test
  void aJarFileCanBeNamedDirectlyAmongOtherEntries() throws Exception {
    Path jar = dir.resolve("elsewhere/shout.jar");
    Files.createDirectories(jar.getParent());
    jar(jar, compileExample(), "com.acme.packer.ShoutText\n");

    Run build = packer(File.pathSeparator + plugins + File.pathSeparator + jar, "build");

    assertThat(build.code()).as("%s", build).isZero();
  }

  @Test
  void aMissingPluginPathIsAUsageErrorNamingIt() throws Exception {
    Run check = packer("nosuch/acme.jar", "check");

    assertThat(check.code()).as("%s", check).isEqualTo(ExitCode.USAGE);
    assertThat(check.err()).isEqualTo("packer: PACKER_PLUGINS names nosuch/acme.jar, which does not exist;"
        + " give plugin jars or folders of them, separated by '" + File.pathSeparator + "'\n");
  }

  @Test
  void anUnusablePluginIsTheSameUsageErrorForEveryCommandThatReadsTheWorkspace() throws Exception {
    String expected = "packer: PACKER_PLUGINS names nosuch/acme.jar, which does not exist;"
        + " give plugin jars or folders of them, separated by '" + File.pathSeparator + "'\n";

    for (List<String> args : List.of(List.of("status"), List.of("ls", "--json"), List.of("build"),
        List.of("rename", "greeting", "hello"))) {
      Run run = packer("nosuch/acme.jar", args.toArray(String[]::new));

      assertThat(run.code()).as("%s: %s", args, run).isEqualTo(ExitCode.USAGE);
      assertThat(run.err()).as("%s", args).isEqualTo(expected);
      assertThat(run.out()).as("%s", args).isEmpty();
    }
    assertThat(ws.run("ls").out()).as("the rename did not happen").contains("greeting");
  }

  @Test
  void commandsThatReadNoAssetTypesRunDespiteAnUnusablePlugin() throws Exception {
    Run version = packer("nosuch/acme.jar", "--version");
    Run help = packer("nosuch/acme.jar", "status", "--help");

    assertThat(version.code()).as("%s", version).isZero();
    assertThat(version.out()).startsWith("packer ");
    assertThat(help.code()).as("%s", help).isZero();
    assertThat(help.out()).startsWith("Usage: packer status");
  }

  @Test
  void aFileThatIsNotAJarIsAUsageErrorNamingIt() throws Exception {
    Files.writeString(plugins.resolve("notes.jar"), "not a jar", StandardCharsets.UTF_8);

    Run check = packer(plugins.toString(), "check");

    assertThat(check.code()).as("%s", check).isEqualTo(ExitCode.USAGE);
    assertThat(check.err()).startsWith("packer: PACKER_PLUGINS names " + plugins + File.separator + "notes.jar,"
        + " which is not a jar");
  }

  @Test
  void aServicesFileNamingAMissingClassIsAUsageErrorNamingTheClass() throws Exception {
    jar(plugins.resolve("broken.jar"), compileExample(), "com.acme.packer.NoSuchText\n");

    Run check = packer(plugins.toString(), "check");

    assertThat(check.code()).as("%s", check).isEqualTo(ExitCode.USAGE);
    assertThat(check.err()).startsWith("packer: a processor plugin cannot be loaded: ")
        .contains("com.acme.packer.NoSuchText").endsWith("; fix or remove the plugin jar\n");
  }

  @Test
  void aPluginClaimingABuiltInTypeIsRefusedNamingItsJar() throws Exception {
    Path source = dir.resolve("src/ShoutText.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, Files.readString(EXAMPLE, StandardCharsets.UTF_8)
        .replace("return \"acme.shout\";", "return \"text\";"), StandardCharsets.UTF_8);
    jar(plugins.resolve("shout-as-text.jar"), compile(source), "com.acme.packer.ShoutText\n");

    Run check = packer(plugins.toString(), "check");

    assertThat(check.code()).as("%s", check).isEqualTo(ExitCode.USAGE);
    assertThat(check.err()).startsWith("packer: two processors claim the asset type 'text': "
        + "packer.processor.TextProcessor (built in) and com.acme.packer.ShoutText (from file:")
        .contains("shout-as-text.jar");
  }

  @Test
  void theReadmeShowsTheExamplePlugin() throws IOException {
    List<String> readme = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int marker = readme.indexOf("<!-- plugin-example: packer-cli/" + EXAMPLE.toString().replace(File.separatorChar, '/')
        + " -->");
    assertThat(marker).as("the README's plugin-example marker").isNotNegative();
    assertThat(readme.get(marker + 1)).isEqualTo("```java");
    int end = readme.subList(marker + 2, readme.size()).indexOf("```") + marker + 2;

    assertThat(String.join("\n", readme.subList(marker + 2, end)) + "\n")
        .isEqualTo(Files.readString(EXAMPLE, StandardCharsets.UTF_8));
  }

  private Path compileExample() throws IOException {
    return compile(EXAMPLE);
  }

  /** {@code source} compiled against packer's API (the test class path), as a folder of classes. */
  private Path compile(Path source) throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter messages = new StringWriter();
    boolean compiled = javac.getTask(messages, null, null,
        List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), "--release", "17"),
        null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
            .getJavaFileObjects(source.toFile())).call();
    assertThat(compiled).as("compiling the example plugin:\n%s", messages).isTrue();
    return classes;
  }

  /** A jar of {@code classes} with a services file listing {@code services}. */
  private static void jar(Path jar, Path classes, String services) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      for (Path path : files) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace(File.separatorChar, '/')));
        out.write(Files.readAllBytes(path));
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry(SERVICES));
      out.write(services.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }

  record Run(int code, String out, String err) {}

  /** {@code packer ARGS} in a child JVM at the workspace root, {@code PACKER_PLUGINS} set, tr_TR default locale. */
  private Run packer(String pluginPath, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.language=tr", "-Duser.country=TR", "-Dfile.encoding=UTF-8",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ws.root().toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("PACKER_"));
    environment.put(Processors.PLUGINS_VARIABLE, pluginPath);
    environment.put("LC_ALL", "C.UTF-8");
    Path out = dir.resolve("child.out");
    Path err = dir.resolve("child.err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("packer %s finished", String.join(" ", args)).isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
