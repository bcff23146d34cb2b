package packer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.server.discovery.Discovery;
import packer.server.discovery.DiscoveryFile;

/** {@code .packer/server.json}: owner-only, complete, and gone once the server stops. */
class DiscoveryFileTest {

  @TempDir Path dir;

  @Test
  void aRunningServerIsFoundWithItsUrlPidAndBearerTokenOnlyByItsOwner() throws Exception {
    Path root = ServedWorkspace.init(dir.resolve("game"), "game");
    try (ServedWorkspace served = ServedWorkspace.serve(root)) {
      Path file = DiscoveryFile.pathIn(served.root);

      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      JsonNode json = new ObjectMapper().readTree(file.toFile());
      assertThat(json.get("url").asText()).isEqualTo(served.server.baseUrl());
      assertThat(json.get("port").asInt()).isEqualTo(served.server.port());
      assertThat(json.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
      assertThat(json.get("token").asText()).isEqualTo(served.server.bearerToken());
      assertThat(Files.readString(file)).doesNotContain(served.server.studioUrl().split("token=")[1]);
      Discovery found = DiscoveryFile.read(served.root).orElseThrow();
      assertThat(found.processAlive()).isTrue();
      try (var siblings = Files.list(file.getParent())) {
        assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
      }
    }
    assertThat(DiscoveryFile.pathIn(root)).doesNotExist();
  }

  @Test
  void stoppingDoesNotRemoveAFileANewerServerWrote() throws Exception {
    Path root = ServedWorkspace.init(dir.resolve("game"), "game");
    ServedWorkspace served = ServedWorkspace.serve(root);
    Discovery newer = new Discovery(Discovery.FORMAT, 1, "http://127.0.0.1:2", 2, "newer");
    DiscoveryFile.write(served.root, newer);

    served.close();

    assertThat(DiscoveryFile.read(root)).hasValueSatisfying(d -> assertThat(d.token()).isEqualTo("newer"));
  }

  @Test
  void aDamagedOrMissingFileIsNoServer() throws Exception {
    Path root = ServedWorkspace.init(dir.resolve("game"), "game");
    assertThat(DiscoveryFile.read(root)).isEmpty();

    Files.writeString(DiscoveryFile.pathIn(root), "{\"url\": ");
    assertThat(DiscoveryFile.read(root)).isEmpty();
  }

  @Test
  void aServerIsServedAgainAfterARestartWithNewTokens() throws Exception {
    Path root = ServedWorkspace.init(dir.resolve("game"), "game");
    ServedWorkspace.asset(root, "assets/hero", "hero", "blob", List.of(), Map.of("a.bin", "A"));
    String firstToken;
    try (ServedWorkspace served = ServedWorkspace.serve(root)) {
      firstToken = served.server.bearerToken();
    }
    try (ServedWorkspace served = ServedWorkspace.serve(root)) {
      assertThat(served.server.bearerToken()).isNotEqualTo(firstToken).hasSize(43);
      assertThat(served.get("/api/workspace").statusCode()).isEqualTo(200);
    }
  }
}
