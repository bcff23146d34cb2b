package packer.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.declaration.AssetTypes;
import packer.declaration.DeclarationReader;
import packer.diagnostic.Code;
import packer.diagnostic.Diagnostic;
import packer.workspace.WorkspaceConfig;

/**
 * The walk shares the folders below the top of a large tree between two threads: what it finds
 * must be exactly what one thread walking the whole tree finds, problems included.
 */
class ParallelWalkTest {

  @TempDir Path root;

  @BeforeEach
  void tree() throws IOException {
    for (int group = 0; group < 40; group++) {
      for (int asset = 0; asset < 3; asset++) {
        asset("assets/g" + group + "/a" + asset, "g" + group + "a" + asset);
      }
      write("assets/g" + group + "/notes/readme.txt", "not an asset");
      write("assets/g" + group + "/.hidden/x.bin", "hidden");
    }
    asset("assets/G7/clash", "clash"); // Differs from assets/g7 only by case.
    asset("assets/g3/a1/deeper", "nested"); // An asset folder inside another.
    asset("assets/g5/cafe\u0301", "decomposed"); // Not NFC.
    write("assets/g9/a2/sub/extra.bin", "more");
  }

  @Test
  void twoThreadsFindWhatOneFinds() throws IOException {
    WorkspaceScanner.Result one = scanner(Integer.MAX_VALUE).scan(ScanCache.disabled(), Map.of());
    WorkspaceScanner.Result two = scanner(2).scan(ScanCache.disabled(), Map.of());

    assertThat(two.folders()).isEqualTo(one.folders());
    assertThat(two.diagnostics()).isEqualTo(one.diagnostics());
    assertThat(one.folders()).hasSize(40 * 3 + 1).containsKey("assets/G7/clash").containsKey("assets/g9/a2");
    assertThat(one.folders().get("assets/g9/a2").inputs()).extracting(ResolvedInput::path)
        .containsExactly("data.bin", "sub/extra.bin");
    assertThat(one.diagnostics()).extracting(Diagnostic::code)
        .contains(Code.CASE_COLLISION, Code.NESTED_ASSET, Code.NON_NFC_PATH);
  }

  private WorkspaceScanner scanner(int split) {
    return new WorkspaceScanner(root, WorkspaceConfig.defaults("game"),
        new FolderScanner(root, new DeclarationReader(AssetTypes.builtIn())), split);
  }

  private void asset(String folder, String name) throws IOException {
    write(folder + "/data.bin", name);
    write(folder + "/" + DeclarationReader.FILE_NAME,
        "{\"name\": \"" + name + "\", \"type\": \"blob\", \"inputs\": [\"**.bin\", \"data.bin\"]}\n");
  }

  private void write(String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
  }
}
