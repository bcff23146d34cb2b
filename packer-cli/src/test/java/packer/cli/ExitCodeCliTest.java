package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packer.declaration.AssetTypes;
import packer.fs.Disk;
import packer.fs.OsDisk;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * Issue 2, point 10: every error path has its own documented exit code. Each test provokes one.
 */
class ExitCodeCliTest {

  static final String HERO = "f000000000000001";

  @TempDir Path dir;
  TestWorkspace workspace;

  @BeforeEach
  void setUp() {
    workspace = TestWorkspace.init(dir);
    workspace.asset("assets/hero").name("hero").input("hero.bin", "hero").create();
    workspace.bindByHand(HERO, "assets/hero");
    workspace.asset("assets/villain").name("villain").create();
    workspace.bindByHand("0a00000000000002", "assets/villain");
  }

  @Test
  void theExitCodesAreDistinct() throws Exception {
    List<Integer> codes = new ArrayList<>();
    for (Field field : ExitCode.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
        codes.add(field.getInt(null));
      }
    }
    assertThat(codes).doesNotHaveDuplicates().contains(0, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void successIsZero() {
    assertThat(workspace.run("ls").code()).isZero();
  }

  @Test
  void aWorkspaceWithErrorsIsOne() {
    Planted.unknownType(workspace);

    assertThat(workspace.run("check")).exitsWith(1);
  }

  @Test
  void anUnknownOptionIsTwo() {
    assertThat(workspace.run("ls", "--colour")).exitsWith(2).complained("Unknown option: '--colour'");
  }

  @Test
  void anUnknownCommandIsTwoAndSuggestsTheNearestOne() {
    assertThat(workspace.run("stauts")).exitsWith(2).complained("status");
  }

  @Test
  void aMissingArgumentIsTwo() {
    assertThat(workspace.run("rename", "hero")).exitsWith(2).complained("NEW_NAME");
  }

  @Test
  void anUnknownRefIsTwo() {
    assertThat(workspace.run("rename", "nobody", "somebody")).exitsWith(2).complained("no asset matches 'nobody'");
  }

  @Test
  void notInAWorkspaceIsTwo() {
    assertThat(Cli.in(dir).run("status")).exitsWith(2).complained("packer.json");
  }

  @Test
  void aTakenNameIsThree() {
    assertThat(workspace.run("rename", "hero", "villain")).exitsWith(3).complained("taken");
  }

  @Test
  void aTakenFolderIsThree() {
    assertThat(workspace.run("mv", "hero", "assets/villain")).exitsWith(3).complained("already exists");
  }

  @Test
  void anAssetJsonChangedOnDiskAfterPackerReadItIsAConflictFourAndTheEditIsKept() {
    String edited = "{\n  \"name\": \"hero\",\n  \"type\": \"blob\",\n  \"tags\": [\"edited-by-hand\"]\n}\n";
    Options options = new Options(new OsDisk(), new Random(1),
        new EditWhileReading(workspace.path("assets/hero/asset.json"), edited, 2));

    CliResult renamed = workspace.cli().options(options).run("rename", "hero", "knight");

    assertThat(renamed).exitsWith(4).complained("changed on disk");
    assertThat(workspace.read("assets/hero/asset.json")).isEqualTo(edited);
  }

  @Test
  void aWorkspaceHeldByAnotherWriterIsFive() throws Exception {
    try (Workspace held = Workspace.openForWriting(workspace.root(), Options.defaults(), "packer serve")) {
      assertThat(workspace.run("rename", "hero", "knight")).exitsWith(5).complained("packer serve");
    }
  }

  @Test
  void anIoFailureIsSixAndChangesNothing() {
    String before = workspace.read("assets/hero/asset.json");
    Options options = Options.defaults().withDisk(new FullDisk());

    CliResult renamed = workspace.cli().options(options).run("rename", "hero", "knight");

    assertThat(renamed).exitsWith(6).complained("no space left");
    assertThat(workspace.read("assets/hero/asset.json")).isEqualTo(before);
    assertThat(workspace.run("check")).succeeds();
  }

  @Test
  void noErrorPathEndsInAStackTrace() {
    List<CliResult> failures = List.of(
        workspace.run("ls", "--colour"),
        workspace.run("show", "nobody"),
        workspace.run("rename", "hero", "villain"),
        workspace.cli().options(Options.defaults().withDisk(new FullDisk())).run("rename", "hero", "knight"));

    assertThat(failures).allSatisfy(failure -> assertThat(failure.err()).doesNotContain("\tat ").doesNotContain("Exception"));
  }

  @Test
  @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anErrorWhilePlanningIsAnInternalErrorSeventyNotAHang() {
    Options options = new Options(new OsDisk(), new Random(1), new FailingTypePlugin("broken"));

    CliResult created = workspace.cli().options(options).run("new", "assets/new", "--type", "broken");

    assertThat(created).exitsWith(ExitCode.INTERNAL).complained("internal error");
  }

  /** The built-in types, plus one whose plugin fails with an Error when asked about it. */
  static final class FailingTypePlugin implements AssetTypes {
    private final AssetTypes builtIn = AssetTypes.builtIn();
    private final String failing;

    FailingTypePlugin(String failing) {
      this.failing = failing;
    }

    @Override
    public boolean isKnown(String type) {
      if (type.equals(failing)) {
        throw new AssertionError("the plugin of type '" + type + "' is broken");
      }
      return builtIn.isKnown(type);
    }

    @Override
    public SortedSet<String> names() {
      return builtIn.names();
    }
  }

  /**
   * The built-in types, but the first time a type is checked (while packer reads the workspace,
   * after it read the asset.json bytes) an author saves a new asset.json: the write packer then
   * plans is based on a file that is no longer on disk.
   */
  /**
   * Edits a file once the scan has read every asset.json: each one is read before its type is
   * checked, and folders are read in parallel, so the last type check comes after every read.
   */
  static final class EditWhileReading implements AssetTypes {
    private final AssetTypes builtIn = AssetTypes.builtIn();
    private final java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
    private final Path file;
    private final String content;
    private final int assets;

    EditWhileReading(Path file, String content, int assets) {
      this.file = file;
      this.content = content;
      this.assets = assets;
    }

    @Override
    public boolean isKnown(String type) {
      if (checks.incrementAndGet() == assets) {
        try {
          Files.writeString(file, content);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return builtIn.isKnown(type);
    }

    @Override
    public SortedSet<String> names() {
      return builtIn.names();
    }
  }

  /** A disk that is full: every durable write fails. */
  static final class FullDisk implements Disk {
    private final Disk os = new OsDisk();

    @Override
    public void write(Path file, byte[] content) throws IOException {
      throw new IOException(file + ": no space left on device");
    }

    @Override
    public void copy(Path source, Path target) throws IOException {
      throw new IOException(target + ": no space left on device");
    }

    @Override
    public void move(Path source, Path target) throws IOException {
      os.move(source, target);
    }

    @Override
    public void delete(Path path) throws IOException {
      os.delete(path);
    }

    @Override
    public void createDirectory(Path dir) throws IOException {
      os.createDirectory(dir);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
      os.syncDirectory(dir);
    }
  }
}
