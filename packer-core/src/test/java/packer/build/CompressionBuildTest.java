package packer.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.pack.Compression;
import packer.pack.Pack;
import packer.pack.PackEntry;
import packer.workspace.WorkspaceConfig;

/** Issue 3: per-entry compression, none or zstd, per workspace and per asset. */
class CompressionBuildTest {

  @TempDir Path dir;

  private static final String TEXT = "the same line again and again\n".repeat(200);

  private static byte[] noise(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  private static BuildFixture fixture() {
    return BuildFixture.workspace("game")
        .asset("1000000000000000", "assets/story", "story", "text", "story.txt", TEXT)
        .asset("2000000000000000", "assets/noise", "noise", "blob", "noise.bin", noise(4000))
        .asset("3000000000000000", "assets/tiny", "tiny", "blob", "tiny.bin", "ab");
  }

  private static void useCompression(Path root, String compression) throws Exception {
    Files.write(root.resolve("packer.json"),
        new WorkspaceConfig("game", List.of("."), List.of(), "build", compression, 16).toJson());
  }

  private static void override(Path root, String folder, String compression) throws Exception {
    Path file = root.resolve(folder).resolve("asset.json");
    Files.writeString(file, Files.readString(file).replace("\n}", ",\n  \"compression\": \"" + compression + "\"\n}"));
  }

  @Test
  void zstdEntriesRoundTripAndEntriesThatDoNotShrinkAreStoredRaw() throws Exception {
    Path root = fixture().create(dir.resolve("game"));
    useCompression(root, "zstd");

    BuildResult built = BuildFixture.build(root, 2);

    try (Pack pack = Pack.open(built.pack())) {
      pack.verify(EntryCodec.decoder());
      PackEntry story = pack.findByName("story").orElseThrow();
      assertThat(story.compression()).isEqualTo(Compression.ZSTD);
      assertThat(story.storedSize()).isLessThan(story.rawSize() / 10);
      try (InputStream raw = EntryCodec.decode(story, pack.openStream(story))) {
        assertThat(new String(raw.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(TEXT);
      }
      assertThat(pack.findByName("noise").orElseThrow().compression()).isEqualTo(Compression.NONE);
      assertThat(pack.findByName("tiny").orElseThrow().compression()).isEqualTo(Compression.NONE);
    }
    assertThat(built.entries()).extracting(BuiltEntry::compression).containsExactly("zstd", "none", "none");
    String manifest = Files.readString(built.manifest());
    assertThat(manifest).contains("\"codecs\":{\"zstd\":{\"level\":3,\"library\":\"zstd-jni\",\"version\":\""
        + EntryCodec.ZSTD_VERSION + "\"}}");
  }

  @Test
  void zstdBuildsAreTheSameBytesEveryTimeAndOnAnyThreadCount() throws Exception {
    Path one = fixture().create(dir.resolve("one"));
    Path two = fixture().reversed().create(dir.resolve("two"));
    useCompression(one, "zstd");
    useCompression(two, "zstd");

    byte[] first = Files.readAllBytes(BuildFixture.build(one, 1).pack());
    byte[] second = Files.readAllBytes(BuildFixture.build(two, 4).pack());

    assertThat(second).isEqualTo(first);
  }

  @Test
  void anAssetOverridesTheWorkspacesCompressionBothWays() throws Exception {
    Path root = fixture().create(dir.resolve("game"));
    override(root, "assets/story", "none");
    useCompression(root, "zstd");
    BuildResult zstdWorkspace = BuildFixture.build(root, 2);
    assertThat(zstdWorkspace.entries().get(0).compression()).isEqualTo("none");

    useCompression(root, "none");
    override(root, "assets/tiny", "zstd");
    Path story = root.resolve("assets/story/asset.json");
    Files.writeString(story, Files.readString(story).replace("\"none\"", "\"zstd\""));
    BuildResult noneWorkspace = BuildFixture.build(root, 2);

    assertThat(noneWorkspace.entries()).extracting(BuiltEntry::compression).containsExactly("zstd", "none", "none");
    assertThat(Files.readString(noneWorkspace.manifest())).contains("\"codecs\"");
  }

  @Test
  void aWorkspaceWithoutZstdRecordsNoCodec() throws Exception {
    Path root = fixture().create(dir.resolve("game"));

    BuildResult built = BuildFixture.build(root, 2);

    assertThat(Files.readString(built.manifest())).doesNotContain("codecs");
    assertThat(built.entries()).extracting(BuiltEntry::compression).containsOnly("none");
  }

  @Test
  void changingTheCompressionRebuildsTheEntriesItConcerns() throws Exception {
    Path root = fixture().create(dir.resolve("game"));
    BuildFixture.build(root, 2);
    useCompression(root, "zstd");

    BuildResult rebuilt = BuildFixture.build(root, 2);

    assertThat(rebuilt.processed()).isEqualTo(3);
    assertThat(rebuilt.entries().get(0).compression()).isEqualTo("zstd");
  }
}
