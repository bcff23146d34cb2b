package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static packer.cli.CliResultAssert.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.server.PackerServer;
import packer.server.ServerOptions;
import packer.snapshot.Asset;
import packer.snapshot.Snapshot;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * Issue 4, point 3: while {@code packer serve} holds the workspace, the CLI's write commands hand
 * their commands to it and print exactly what they print when they write themselves. Each scenario
 * runs twice, on twin workspaces: once with no server, once with one running in this JVM.
 */
class ServerDelegationCliTest {

  static final String HERO = "a000000000000001";
  static final String VILLAIN = "a000000000000002";
  static final String WALKER = "a000000000000003";
  static final String DRIFTER = "a000000000000004";

  @TempDir Path dir;
  TestWorkspace alone;
  TestWorkspace served;
  Workspace serverWorkspace;
  PackerServer server;

  @BeforeEach
  void setUp() throws Exception {
    alone = prepare(dir.resolve("alone"));
    served = prepare(dir.resolve("served"));
    serverWorkspace = Workspace.openForWriting(served.root(), Options.defaults(), "packer serve (pid test)");
    server = PackerServer.start(serverWorkspace, ServerOptions.loopback(0));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
    if (serverWorkspace != null) {
      serverWorkspace.close();
    }
  }

  /** The same workspace each time: registered, unregistered and moved-by-hand assets. */
  static TestWorkspace prepare(Path parent) throws Exception {
    Files.createDirectories(parent);
    TestWorkspace workspace = TestWorkspace.init(parent);
    workspace.asset("assets/hero").name("hero").input("hero.bin", "HERO").create();
    workspace.bindByHand(HERO, "assets/hero");
    workspace.asset("assets/villain").name("villain").input("v.bin", "V").create();
    workspace.bindByHand(VILLAIN, "assets/villain");
    workspace.asset("assets/walker").name("walker").input("w.bin", "W").create();
    workspace.bindByHand(WALKER, "assets/walker");
    workspace.asset("assets/drifter").name("drifter").input("d.bin", "D").create();
    workspace.bindByHand(DRIFTER, "assets/drifter");
    CliResultAssert.assertThat(workspace.run("status")).succeeds(); // Remembers them, to pair them once moved.
    workspace.moveByHand("assets/walker", "assets/walked");
    workspace.moveByHand("assets/drifter", "assets/drifted");
    workspace.asset("assets/stray").name("stray").input("s.bin", "S").create();
    workspace.asset("assets/foundling").name("foundling").input("f.bin", "F").create();
    workspace.inputFile("knight.bin", "KNIGHT\n");
    workspace.inputFile("asset.json", "{}");
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    TestWorkspace.writeBytes(parent.resolve("inputs/all-bytes.bin"), binary);
    return workspace;
  }

  /** Runs {@code args} in both workspaces and checks they exited and printed the same. */
  CliResult both(String... args) {
    CliResult local = alone.run(withInputs(alone, args));
    CliResult remote = served.run(withInputs(served, args));
    assertThat(remote.code()).as("exit code of %s\nlocal: %s\nremote: %s", String.join(" ", args), local, remote)
        .isEqualTo(local.code());
    assertThat(normalized(remote.out())).as("stdout of %s", String.join(" ", args)).isEqualTo(normalized(local.out()));
    assertThat(normalized(remote.err())).as("stderr of %s", String.join(" ", args)).isEqualTo(normalized(local.err()));
    return remote;
  }

  /** {@code @NAME} stands for the input file NAME beside the workspace. */
  static String[] withInputs(TestWorkspace workspace, String... args) {
    List<String> resolved = new ArrayList<>();
    for (String arg : args) {
      resolved.add(arg.startsWith("@") ? workspace.outside().resolve("inputs").resolve(arg.substring(1)).toString() : arg);
    }
    return resolved.toArray(String[]::new);
  }

  /** New ids are drawn by different random sources here and there, and paths differ. */
  String normalized(String text) {
    return text.replace(alone.outside().toString(), "PARENT").replace(served.outside().toString(), "PARENT")
        .replaceAll("\\b[0-9a-f]{16}\\b", "ID");
  }

  @Test
  void everyWriteCommandPrintsAndExitsAsWhenItWritesItself() throws Exception {
    assertThat(both("new", "assets/knight", "--type", "blob", "--input", "@knight.bin", "--tag", "people"))
        .succeeds().complained("created knight in assets/knight");
    assertThat(both("new", "assets/squire", "--type", "blob", "--name", "squire", "--json")).succeeds();
    assertThat(both("new", "assets/bytes", "--type", "blob", "--input", "@all-bytes.bin", "--input", "@knight.bin"))
        .succeeds();
    assertThat(both("relocate", WALKER, "assets/walked")).succeeds()
        .printed(WALKER + "  relocated assets/walker to assets/walked");
    assertThat(both("doctor", "--fix")).succeeds().printed("relocated ").printed("assets/drifter -> assets/drifted");
    assertThat(both("adopt", "assets/stray")).succeeds().printed("assets/stray");
    assertThat(both("adopt", "--all", "--json")).succeeds().printed("assets/foundling");
    assertThat(both("rename", "hero", "paladin")).succeeds().printed(HERO + "  renamed hero to paladin");
    assertThat(both("rename", "--json", "paladin", "champion")).succeeds().printed("\"champion\"");
    assertThat(both("mv", "champion", "chars/champion")).succeeds()
        .printed(HERO + "  moved assets/hero to chars/champion");
    assertThat(both("rm", "--keep-files", "villain")).succeeds().printed(VILLAIN + "  removed villain (files kept");
    assertThat(both("rm", "squire", "--json")).succeeds().printed("\"retired\"");

    assertThat(served.path("assets/knight/knight.bin")).hasContent("KNIGHT\n");
    assertThat(served.exists("chars/champion/hero.bin")).isTrue();
    assertThat(Files.readAllBytes(served.path("assets/bytes/all-bytes.bin")))
        .isEqualTo(Files.readAllBytes(served.outside().resolve("inputs/all-bytes.bin")));
    assertThat(served.exists("assets/squire")).isFalse();
    assertThat(describe(serverWorkspace.snapshot())).as("the server's snapshot shows every command")
        .isEqualTo(describe(diskOf(served)))
        .isEqualTo(describe(diskOf(alone)));
    assertThat(served.run("check")).succeeds();
  }

  @Test
  void refusalsOverHttpExitAndSayWhatTheyDoLocally() throws Exception {
    // 422: a taken folder, a taken name, an unknown type, an input that cannot keep its name.
    assertThat(both("new", "assets/hero", "--type", "blob")).exitsWith(ExitCode.REFUSED).complained("already exists");
    assertThat(both("rename", "hero", "villain")).exitsWith(ExitCode.REFUSED).complained("is taken by assets/villain");
    assertThat(both("new", "assets/x", "--type", "sprite")).exitsWith(ExitCode.REFUSED).complained("unknown type");
    assertThat(both("new", "assets/y", "--type", "blob", "--input", "@asset.json")).exitsWith(ExitCode.REFUSED);
    assertThat(both("mv", "hero", "assets/villain")).exitsWith(ExitCode.REFUSED);
    assertThat(both("relocate", HERO, "assets/stray")).exitsWith(ExitCode.REFUSED).complained("not missing");
    // 404: what the lane cannot find.
    assertThat(both("adopt", "assets/nowhere")).exitsWith(ExitCode.USAGE).complained("is not an asset folder");
    assertThat(both("new", "assets/z", "--type", "blob", "--input", "@missing.bin"))
        .exitsWith(ExitCode.USAGE).complained("is not a readable file");
    // Refused before anything is sent, as locally.
    assertThat(both("rename", "nobody", "x")).exitsWith(ExitCode.USAGE).complained("no asset matches");
    assertThat(both("mv", "hero", "../outside")).exitsWith(ExitCode.USAGE);

    assertThat(served.read("assets/hero/asset.json")).isEqualTo(alone.read("assets/hero/asset.json"));
    assertThat(served.exists("assets/x")).isFalse();
    assertThat(describe(serverWorkspace.snapshot())).isEqualTo(describe(diskOf(served)));
  }

  @Test
  void readsKeepReadingTheDiskWhileTheServerRuns() {
    assertThat(served.run("ls")).succeeds().printed(HERO);
    assertThat(served.run("status")).succeeds();
    assertThat(served.run("show", "hero")).succeeds();
  }

  @Test
  void aStaleDiscoveryFileIsNamedAndTheCommandExitsLocked() throws Exception {
    server.close();
    server = null;
    Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
        .redirectErrorStream(true).start();
    gone.getInputStream().readAllBytes();
    gone.waitFor();
    Files.writeString(served.path(".packer/server.json"), "{\"format\": 1, \"pid\": " + gone.pid()
        + ", \"url\": \"http://127.0.0.1:9\", \"port\": 9, \"token\": \"old\"}\n");
    String before = served.read("assets/hero/asset.json");

    CliResult renamed = served.run("rename", "hero", "knight");

    assertThat(renamed).exitsWith(ExitCode.LOCKED).complained("stale").complained("pid " + gone.pid())
        .complained("no longer running").complained("packer serve (pid test)");
    assertThat(served.read("assets/hero/asset.json")).isEqualTo(before);
  }

  @Test
  void aServerThatDoesNotAnswerIsNamedAndTheCommandExitsLocked() throws Exception {
    server.close();
    server = null;
    // A live process (this one), but nothing listens where the file says.
    Files.writeString(served.path(".packer/server.json"), "{\"format\": 1, \"pid\": " + ProcessHandle.current().pid()
        + ", \"url\": \"http://127.0.0.1:9\", \"port\": 9, \"token\": \"old\"}\n");

    CliResult renamed = served.run("rename", "hero", "knight");

    assertThat(renamed).exitsWith(ExitCode.LOCKED).complained("does not answer")
        .complained("http://127.0.0.1:9").complained("Nothing was written");
  }

  @Test
  void aWrongTokenIsNamedAndTheCommandExitsLocked() throws Exception {
    String file = served.read(".packer/server.json");
    Files.writeString(served.path(".packer/server.json"), file.replace(server.bearerToken(), "wrong-token"));

    CliResult renamed = served.run("rename", "hero", "knight");

    assertThat(renamed).exitsWith(ExitCode.LOCKED).complained("refused the token");
    assertThat(renamed.err()).doesNotContain("wrong-token").doesNotContain(server.bearerToken());
    assertThat(served.read("assets/hero/asset.json")).contains("\"hero\"");
  }

  @Test
  void anotherWriterThatIsNotAServerKeepsTheBusyMessage() throws Exception {
    server.close();
    server = null;
    serverWorkspace.close();
    serverWorkspace = Workspace.openForWriting(served.root(), Options.defaults(), "level editor of Ada");

    CliResult renamed = served.run("rename", "hero", "knight");

    assertThat(renamed).exitsWith(ExitCode.LOCKED).complained("is being written by").complained("level editor of Ada");
    assertThat(renamed.err()).doesNotContain("server.json");
  }

  static Snapshot diskOf(TestWorkspace workspace) throws Exception {
    try (Workspace read = Workspace.openForReading(workspace.root(), Options.defaults())) {
      return read.snapshot();
    }
  }

  /** Folder, name, state and tags of every asset: what both workspaces must agree on, ids aside. */
  static TreeSet<String> describe(Snapshot snapshot) {
    TreeSet<String> lines = new TreeSet<>();
    for (Asset asset : snapshot.assets()) {
      lines.add(asset.folder() + " " + asset.name().orElse("-") + " " + asset.state().label() + " " + asset.tags());
    }
    return lines;
  }
}
