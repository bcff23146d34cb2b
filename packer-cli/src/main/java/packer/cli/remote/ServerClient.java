package packer.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import packer.id.AssetId;
import packer.lane.CommandRejected;
import packer.lane.Receipt;
import packer.server.discovery.Discovery;

/**
 * Speaks to a running {@code packer serve} as docs/api.md describes: JSON bodies, the bearer token
 * from the discovery file, and the API's error statuses turned back into the lane's refusals
 * (404 not found, 409 conflict, 400/413/422 invalid), so the CLI reports them as it does locally.
 */
final class ServerClient {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT = Duration.ofSeconds(5);
  private static final Duration SESSION = Duration.ofSeconds(10);
  private static final Duration COMMAND = Duration.ofMinutes(5);

  private final Discovery server;
  private final HttpClient http;

  ServerClient(Discovery server) {
    this.server = server;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT).followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1).build();
  }

  /** Who the server is, for messages: {@code packer serve (pid 2700) at http://127.0.0.1:38461}. */
  String describe() {
    return "packer serve (pid " + server.pid() + ") at " + server.url();
  }

  /**
   * Asks {@code POST /api/session} whether the server answers and takes the token.
   *
   * @return empty when it does, else why not
   */
  Optional<String> checkSession() {
    HttpResponse<String> answer;
    try {
      answer = http.send(request("/api/session", SESSION).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      return Optional.of("it does not answer (no answer within " + SESSION.toSeconds() + " s)");
    } catch (ConnectException e) {
      return Optional.of("it does not answer (nothing listens at " + server.url() + ")");
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of("it does not answer (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while asking it");
    }
    if (answer.statusCode() != 200) {
      return Optional.of("it refused the token of .packer/server.json (HTTP " + answer.statusCode() + ": "
          + messageOf(answer.body()) + ")");
    }
    return Optional.empty();
  }

  /** Sends one lane command and waits for its acknowledgement. */
  Receipt send(String method, String path, ObjectNode body) throws CommandRejected, IOException {
    HttpResponse<String> answer;
    try {
      answer = http.send(request(path, COMMAND)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException("lost " + describe() + " while sending the command (" + e.getMessage()
          + "); it may or may not have been committed: see packer status", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + describe() + "; the command may have been committed: see packer status", e);
    }
    int status = answer.statusCode();
    if (status == 200 || status == 201) {
      JsonNode receipt = JSON.readTree(answer.body());
      JsonNode folder = receipt.path("folder");
      return new Receipt(receipt.path("version").asLong(), AssetId.parse(receipt.path("id").asText()),
          folder.isTextual() ? Optional.of(folder.asText()) : Optional.empty());
    }
    String message = messageOf(answer.body());
    switch (status) {
      case 404:
        throw new CommandRejected(CommandRejected.Reason.NOT_FOUND, message);
      case 409:
        JsonNode current = errorOf(answer.body()).path("currentVersion");
        throw new CommandRejected(CommandRejected.Reason.CONFLICT, message,
            current.isNumber() ? OptionalLong.of(current.asLong()) : OptionalLong.empty());
      case 400:
      case 413:
      case 422:
        throw new CommandRejected(CommandRejected.Reason.INVALID, message);
      default:
        throw new IOException(describe() + " failed the command (HTTP " + status + "): " + message);
    }
  }

  private HttpRequest.Builder request(String path, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(timeout)
        .header("Authorization", "Bearer " + server.token())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json");
  }

  private static JsonNode errorOf(String body) {
    try {
      return JSON.readTree(body).path("error");
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static String messageOf(String body) {
    JsonNode message = errorOf(body).path("message");
    return message.isTextual() ? message.asText() : "no message";
  }
}
