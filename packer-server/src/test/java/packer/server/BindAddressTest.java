package packer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.workspace.Options;
import packer.workspace.Workspace;

/** Where the server listens and which URL and Host values go with it. */
class BindAddressTest {

  @TempDir Path dir;

  @Test
  void anotherLoopbackAddressIsServedUnderItsOwnName() throws Exception {
    Path root = ServedWorkspace.init(dir.resolve("game"), "game");
    InetAddress other = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
    try (Workspace workspace = Workspace.openForWriting(root, Options.defaults(), "test");
        PackerServer server = PackerServer.start(workspace, new ServerOptions(other, 0, false))) {
      assertThat(server.baseUrl()).isEqualTo("http://127.0.0.2:" + server.port());

      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/workspace")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
  }

  @Test
  void aNonLoopbackAddressNeedsRemoteOnPurpose() throws Exception {
    InetAddress any = InetAddress.getByAddress(new byte[] {0, 0, 0, 0});

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ServerOptions(any, 0, false))
        .hasMessageContaining("--allow-remote");
  }

  @Test
  void ipv6AddressesAreWrittenAsBrowsersSendThem() throws Exception {
    assertThat(PackerServer.urlHost(InetAddress.getByName("::1"))).isEqualTo("[::1]");
    assertThat(PackerServer.urlHost(InetAddress.getByName("fe80:0:0:0:1:2:3:4"))).isEqualTo("[fe80::1:2:3:4]");
    assertThat(PackerServer.urlHost(InetAddress.getByName("127.0.0.1"))).isEqualTo("127.0.0.1");
  }
}
