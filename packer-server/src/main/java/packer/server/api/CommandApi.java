package packer.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import packer.id.AssetId;
import packer.lane.Command;
import packer.lane.CommandRejected;
import packer.lane.Receipt;
import packer.server.http.ApiError;
import packer.server.http.Json;
import packer.server.http.Snapshots;
import packer.workspace.Workspace;

/**
 * Lane commands over HTTP: each request is one {@link Command} handed to the workspace's single
 * writer. With {@code If-Match: "VERSION"} it applies only if the snapshot is still that version,
 * else 409 naming the current one; the answer names the first version that shows the commit.
 */
public final class CommandApi {

  private final Workspace workspace;

  public CommandApi(Workspace workspace) {
    this.workspace = workspace;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/assets/{id}/rename", ctx -> run(ctx, Set.of("name"),
        body -> new Command.Rename(idOf(ctx), text(body, "name"))));
    routes.post("/api/assets/{id}/move", ctx -> run(ctx, Set.of("folder"),
        body -> new Command.Move(idOf(ctx), text(body, "folder"))));
    routes.post("/api/assets/{id}/relocate", ctx -> run(ctx, Set.of("folder"),
        body -> new Command.Relocate(idOf(ctx), text(body, "folder"))));
    routes.post("/api/assets/{id}/remove", ctx -> run(ctx, Set.of("keepFiles"),
        body -> new Command.Remove(idOf(ctx), flag(body, "keepFiles"))));
    routes.post("/api/adopt", ctx -> run(ctx, Set.of("folder"), body -> new Command.Adopt(text(body, "folder"))));
  }

  private void run(Context ctx, Set<String> keys, Function<JsonNode, Command> command) {
    QueryParams.of(ctx, Set.of(), Set.of());
    OptionalLong expected = ifMatch(ctx.header("If-Match"));
    JsonNode body = body(ctx, keys);
    Command chosen = command.apply(body);
    Receipt receipt;
    try {
      receipt = workspace.submit(chosen, expected).join();
    } catch (CompletionException e) {
      throw refusal(e.getCause());
    }
    ctx.header("ETag", Snapshots.etag(receipt.version()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("version", receipt.version());
    answer.put("id", receipt.id().hex());
    answer.put("folder", receipt.folder().orElse(null));
    Json.send(ctx, 200, answer);
  }

  static OptionalLong ifMatch(String header) {
    if (header == null || header.trim().equals("*")) {
      return OptionalLong.empty();
    }
    String value = header.trim();
    if (value.length() >= 3 && value.startsWith("\"") && value.endsWith("\"")) {
      try {
        return OptionalLong.of(Long.parseLong(value.substring(1, value.length() - 1)));
      } catch (NumberFormatException e) {
        // Reported below.
      }
    }
    throw ApiError.badRequest("If-Match must be a snapshot version as an ETag gives it, like \"12\"; not " + value);
  }

  private static JsonNode body(Context ctx, Set<String> keys) {
    JsonNode body;
    try {
      body = Json.mapper().readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      throw ApiError.badRequest("the body is not JSON: " + firstLine(e.getMessage()));
    }
    if (body == null || !body.isObject()) {
      throw ApiError.badRequest("the body must be a JSON object with " + String.join(", ", new TreeSet<>(keys)));
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!keys.contains(name)) {
        throw ApiError.badRequest("unknown key '" + name + "'; this command takes " + String.join(", ", new TreeSet<>(keys)));
      }
    }
    return body;
  }

  private static String text(JsonNode body, String key) {
    JsonNode value = body.get(key);
    if (value == null || !value.isTextual()) {
      throw ApiError.badRequest("'" + key + "' is required, as a string");
    }
    return value.asText();
  }

  private static boolean flag(JsonNode body, String key) {
    JsonNode value = body.get(key);
    if (value == null) {
      return false;
    }
    if (!value.isBoolean()) {
      throw ApiError.badRequest("'" + key + "' must be true or false");
    }
    return value.asBoolean();
  }

  private static AssetId idOf(Context ctx) {
    String text = ctx.pathParam("id");
    if (!AssetId.isWellFormed(text)) {
      throw ApiError.badRequest("'" + text + "' is not an asset id (16 lowercase hex digits)");
    }
    return AssetId.parse(text);
  }

  private static RuntimeException refusal(Throwable cause) {
    if (cause instanceof CommandRejected rejected) {
      return switch (rejected.reason()) {
        case NOT_FOUND -> ApiError.notFound(rejected.getMessage());
        case INVALID -> new ApiError(422, "refused", rejected.getMessage());
        case CONFLICT -> new Conflict(rejected.getMessage(), rejected.currentVersion());
      };
    }
    if (cause instanceof IOException) {
      return new ApiError(500, "io_error", "the commit failed writing the workspace: " + cause.getMessage());
    }
    return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.split("\n", 2)[0];
  }

  /** A stale write: 409, with the current version when the lane knows it. */
  public static final class Conflict extends RuntimeException {
    private final OptionalLong current;

    Conflict(String message, OptionalLong current) {
      super(message, null, false, false);
      this.current = current;
    }

    public OptionalLong current() {
      return current;
    }
  }
}
