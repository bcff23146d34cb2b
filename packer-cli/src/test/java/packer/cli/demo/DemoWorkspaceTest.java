package packer.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.cli.demo.DemoAssets.DemoAsset;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;
import packer.workspace.Options;
import packer.workspace.Workspace;

/** The committed example workspace is healthy, varied, and exactly what DemoAssets makes. */
class DemoWorkspaceTest {

  /** Tests run in packer-cli/. */
  private static final Path DEMO = Path.of("../examples/demo");

  @Test
  void opensWithoutDiagnostics() throws Exception {
    assertThat(snapshot().diagnostics()).isEmpty();
  }

  @Test
  void holdsAtLeastTwelveRegisteredAssetsOfEveryBuiltInType() throws Exception {
    List<Asset> assets = snapshot().assets();

    assertThat(assets).hasSizeGreaterThanOrEqualTo(12);
    assertThat(assets).allSatisfy(asset ->
        assertThat(asset.state()).as(asset.folder()).isEqualTo(AssetState.REGISTERED));
    assertThat(assets.stream().map(asset -> asset.type().orElseThrow()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("blob", "text", "json", "image");
  }

  @Test
  void namesIncludeNonAsciiAndMixedCase() throws Exception {
    List<String> names = snapshot().assets().stream().map(asset -> asset.name().orElseThrow()).toList();

    assertThat(names).anySatisfy(name -> assertThat(name.chars().anyMatch(c -> c > 0x7f)).isTrue());
    assertThat(names).anySatisfy(name -> assertThat(name)
        .matches(".*\\p{Lu}.*").matches(".*\\p{Ll}.*"));
  }

  @Test
  void everyAssetIsDeclaredAsTheCatalogSays() throws Exception {
    Snapshot snapshot = snapshot();

    assertThat(snapshot.assets()).hasSameSizeAs(DemoAssets.catalog());
    for (DemoAsset expected : DemoAssets.catalog()) {
      Asset asset = snapshot.byFolder(expected.folder()).orElseThrow(
          () -> new AssertionError("no asset in " + expected.folder()));
      assertThat(asset.id()).as(expected.folder()).isPresent();
      assertThat(asset.name()).as(expected.folder()).contains(expected.name());
      assertThat(asset.type()).as(expected.folder()).contains(expected.type());
      assertThat(asset.tags()).as(expected.folder())
          .containsExactlyElementsOf(new TreeSet<>(expected.tags()));
      assertThat(asset.declaration().orElseThrow().inputs()).as(expected.folder())
          .containsExactly(expected.file());
    }
  }

  @Test
  void demoAssetsRegeneratesTheCommittedInputsByteForByte(@TempDir Path out) throws Exception {
    DemoAssets.main(new String[] {out.toString()});

    SortedSet<String> generated = filesUnder(out);
    assertThat(generated).isEqualTo(committedInputs());
    for (String relative : generated) {
      assertThat(DEMO.resolve(relative))
          .as("%s differs from what DemoAssets makes; regenerate the inputs in place"
              + " (see examples/demo/README.md)", relative)
          .hasSameBinaryContentAs(out.resolve(relative));
    }
  }

  @Test
  void everyInputIsARealFileOfItsTypeAndSmall() throws Exception {
    long total = 0;
    for (DemoAsset asset : DemoAssets.catalog()) {
      Path file = asset.inputIn(DEMO);
      byte[] bytes = Files.readAllBytes(file);
      total += bytes.length;
      assertThat(bytes.length).as(asset.file()).isLessThan(64 * 1024);
      switch (asset.type()) {
        case "image" -> assertThat(ImageIO.read(file.toFile())).as(asset.file()).isNotNull();
        case "json" -> new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(bytes);
        case "text" -> StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        default -> {
          if (asset.file().endsWith(".wav")) {
            assertThat(AudioSystem.getAudioFileFormat(file.toFile()).getFrameLength()).isPositive();
          }
        }
      }
    }
    assertThat(total).isLessThan(300 * 1024);
  }

  private static Snapshot snapshot() throws Exception {
    try (Workspace workspace = Workspace.openForReading(DEMO, Options.defaults())) {
      return workspace.snapshot();
    }
  }

  /** The demo's files under assets/ other than asset.json: the inputs packer new copied in. */
  private static SortedSet<String> committedInputs() throws IOException {
    SortedSet<String> inputs = filesUnder(DEMO);
    inputs.removeIf(path -> !path.startsWith("assets/") || path.endsWith("/asset.json"));
    return inputs;
  }

  private static SortedSet<String> filesUnder(Path base) throws IOException {
    try (Stream<Path> files = Files.walk(base)) {
      return files.filter(Files::isRegularFile)
          .map(file -> base.relativize(file).toString().replace('\\', '/'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
