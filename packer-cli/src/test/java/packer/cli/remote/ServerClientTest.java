package packer.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import packer.lane.CommandRejected;
import packer.lane.Receipt;
import packer.server.discovery.Discovery;

/**
 * How the CLI reads the server's answers, against a stand-in server that answers what the test
 * says: each API status becomes the refusal the local lane would give, so the exit code matches.
 */
class ServerClientTest {

  HttpServer fake;
  volatile int status;
  volatile String answer;
  final List<String> seen = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext("/", exchange -> {
      synchronized (seen) {
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
            + exchange.getRequestHeaders().getFirst("Authorization") + " "
            + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      }
      if (status == 0) {
        exchange.close(); // Hangs up without an answer, as a killed server does.
        return;
      }
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    fake.start();
  }

  @AfterEach
  void stop() {
    fake.stop(0);
  }

  ServerClient client() {
    int port = fake.getAddress().getPort();
    return new ServerClient(new Discovery(1, ProcessHandle.current().pid(), "http://127.0.0.1:" + port, port, "tok"));
  }

  Receipt send() throws Exception {
    return client().send("POST", "/api/assets/00000000000000aa/rename",
        ServerClient.JSON.createObjectNode().put("name", "knight"));
  }

  @Test
  void anAcknowledgementBecomesAReceiptAndTheRequestCarriesTheToken() throws Exception {
    status = 200;
    answer = "{\"version\":7,\"id\":\"00000000000000aa\",\"folder\":\"assets/hero\"}";

    Receipt receipt = send();

    assertThat(receipt.version()).isEqualTo(7);
    assertThat(receipt.id().hex()).isEqualTo("00000000000000aa");
    assertThat(receipt.folder()).hasValue("assets/hero");
    assertThat(seen).containsExactly("POST /api/assets/00000000000000aa/rename Bearer tok {\"name\":\"knight\"}");
  }

  @ParameterizedTest
  @CsvSource({"404, NOT_FOUND", "409, CONFLICT", "422, INVALID", "400, INVALID", "413, INVALID"})
  void anErrorStatusBecomesTheLanesRefusalWithTheServersMessage(int code, CommandRejected.Reason reason) {
    status = code;
    answer = "{\"error\":{\"code\":\"x\",\"message\":\"the name 'knight' is taken\",\"currentVersion\":12}}";

    assertThatThrownBy(this::send).isInstanceOfSatisfying(CommandRejected.class, rejected -> {
      assertThat(rejected.reason()).isEqualTo(reason);
      assertThat(rejected.getMessage()).isEqualTo("the name 'knight' is taken");
      assertThat(rejected.currentVersion()).isEqualTo(code == 409 ? OptionalLong.of(12) : OptionalLong.empty());
    });
  }

  @Test
  void aServerFailureIsAnIoErrorNamingTheServer() {
    status = 500;
    answer = "{\"error\":{\"code\":\"io_error\",\"message\":\"the commit failed writing the workspace: disk full\"}}";

    assertThatThrownBy(this::send).isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 500").hasMessageContaining("disk full").hasMessageContaining("packer serve (pid ");
  }

  @Test
  void aServerThatHangsUpMidCommandIsAnIoErrorSayingTheOutcomeIsUnknown() {
    status = 0;

    assertThatThrownBy(this::send).isInstanceOf(IOException.class)
        .hasMessageContaining("may or may not have been committed").hasMessageContaining("packer status");
  }

  @Test
  void theSessionCheckSaysWhyAServerCannotTakeCommands() {
    status = 401;
    answer = "{\"error\":{\"code\":\"unauthorized\",\"message\":\"a token is required\"}}";
    assertThat(client().checkSession()).hasValueSatisfying(why -> assertThat(why).contains("refused the token"));

    status = 200;
    answer = "{\"version\":1,\"authenticatedBy\":\"bearer\"}";
    assertThat(client().checkSession()).isEmpty();

    fake.stop(0);
    assertThat(client().checkSession()).hasValueSatisfying(why -> assertThat(why).contains("does not answer"));
  }
}
