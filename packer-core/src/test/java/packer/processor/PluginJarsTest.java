package packer.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.processor.plugin.UpperCaseText;

/** {@code PACKER_PLUGINS}: which jars a plugin path names, and what discovery makes of them. */
class PluginJarsTest {

  @TempDir Path dir;

  private Path jar(String relative, String services) throws IOException {
    Path jar = dir.resolve(relative);
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("META-INF/services/packer.processor.Processor"));
      out.write(services.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void noPathNamesNoJar() {
    assertThat(Processors.pluginJars(null, dir)).isEmpty();
    assertThat(Processors.pluginJars("", dir)).isEmpty();
    assertThat(Processors.pluginJars(File.pathSeparator, dir)).isEmpty();
  }

  @Test
  void aFolderGivesItsJarsSortedByNameButNotItsSubfoldersOrOtherFiles() throws IOException {
    Path b = jar("plugins/b.jar", "");
    Path a = jar("plugins/a.jar", "");
    Path upper = jar("plugins/B-upper.jar", "");
    jar("plugins/libs/c.jar", "");
    Files.writeString(dir.resolve("plugins/README.txt"), "not a jar", StandardCharsets.UTF_8);

    assertThat(Processors.pluginJars("plugins", dir)).containsExactly(upper, a, b);
  }

  @Test
  void entriesKeepTheirOrderAndRelativeOnesResolveAgainstTheBase() throws IOException {
    Path one = jar("one/x.jar", "");
    Path two = jar("two.jar", "");

    assertThat(Processors.pluginJars("two.jar" + File.pathSeparator + one.getParent(), dir))
        .containsExactly(two, one);
  }

  @Test
  void aMissingEntryIsAnErrorNamingItAsGiven() {
    assertThatThrownBy(() -> Processors.pluginJars("plugins/nosuch.jar", dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("PACKER_PLUGINS names plugins/nosuch.jar, which does not exist;");
  }

  @Test
  void aFileThatIsNotAJarIsAnErrorNamingIt() throws IOException {
    Files.writeString(dir.resolve("notes.jar"), "hello", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Processors.pluginJars("notes.jar", dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("PACKER_PLUGINS names notes.jar, which is not a jar");
  }

  @Test
  void discoveryLoadsTheProcessorsTheJarsList() throws IOException {
    // The class is on the test class path; the jar only lists it, as a plugin jar would.
    Path jar = jar("plugins/upper.jar", UpperCaseText.class.getName() + "\n");

    Processors processors = Processors.discover(getClass().getClassLoader(), List.of(jar));

    assertThat(processors.types()).containsExactly("blob", "image", "json", "text", "upper");
  }

  @Test
  void discoveryWithoutJarsGivesTheClassLoadersProcessorsOnly() {
    assertThat(Processors.discover(getClass().getClassLoader(), List.of()).types())
        .containsExactly("blob", "image", "json", "text");
  }
}
