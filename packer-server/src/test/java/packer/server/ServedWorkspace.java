package packer.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import packer.id.AssetId;
import packer.lane.Command;
import packer.workspace.Options;
import packer.workspace.Workspace;

/**
 * A temp workspace written by hand, opened for writing and served on an ephemeral loopback port,
 * with an HTTP client that sends what a test says (forged headers included).
 */
final class ServedWorkspace implements AutoCloseable {

  final Path root;
  final Workspace workspace;
  final PackerServer server;
  final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private ServedWorkspace(Path root, Workspace workspace, PackerServer server) {
    this.root = root;
    this.workspace = workspace;
    this.server = server;
  }

  /** Serves the workspace at {@code root}, made by {@link #init} and filled by the test. */
  static ServedWorkspace serve(Path root) throws Exception {
    return serve(root, 0);
  }

  /** Serves on {@code port} (0: a free one), e.g. again where a stopped server was. */
  static ServedWorkspace serve(Path root, int port) throws Exception {
    Workspace workspace = Workspace.openForWriting(root, Options.defaults(), "packer serve (test)");
    try {
      return new ServedWorkspace(workspace.root(), workspace, PackerServer.start(workspace, ServerOptions.loopback(port)));
    } catch (IOException | RuntimeException e) {
      workspace.close();
      throw e;
    }
  }

  static Path init(Path dir, String name) throws IOException {
    return Workspace.init(dir, name);
  }

  /** Writes an asset folder by hand: asset.json plus each input file with its text. */
  static void asset(Path root, String folder, String name, String type, List<String> tags, Map<String, String> inputs)
      throws IOException {
    Path dir = root.resolve(folder);
    Files.createDirectories(dir);
    StringBuilder json = new StringBuilder("{\n  \"name\": \"" + name + "\",\n  \"type\": \"" + type + "\",\n");
    json.append("  \"inputs\": [");
    json.append(String.join(", ", inputs.keySet().stream().sorted().map(p -> "\"" + p + "\"").toList()));
    json.append("],\n  \"tags\": [");
    json.append(String.join(", ", tags.stream().map(t -> "\"" + t + "\"").toList()));
    json.append("]\n}\n");
    Files.writeString(dir.resolve("asset.json"), json, StandardCharsets.UTF_8);
    for (Map.Entry<String, String> input : inputs.entrySet()) {
      Path file = dir.resolve(input.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, input.getValue(), StandardCharsets.UTF_8);
    }
  }

  AssetId adopt(String folder) throws Exception {
    return workspace.execute(new Command.Adopt(folder)).id();
  }

  String url(String path) {
    return server.baseUrl() + path;
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), headers);
  }

  HttpResponse<byte[]> getBytes(String path) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> post(String path, String body, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
    if (headers.length > 0) {
      builder.headers(headers);
    }
    try {
      return client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The headers of a tool's write: its bearer token, a JSON body, then {@code more}. */
  String[] bearer(String... more) {
    String[] base = {"Authorization", "Bearer " + server.bearerToken(), "Content-Type", "application/json"};
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      workspace.close();
    }
  }
}
