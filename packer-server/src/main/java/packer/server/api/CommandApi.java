package packer.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import packer.id.AssetId;
import packer.json.CanonicalJson;
import packer.json.JsonDocument;
import packer.lane.Command;
import packer.lane.CommandRejected;
import packer.lane.Receipt;
import packer.server.http.ApiError;
import packer.server.http.Json;
import packer.server.http.Snapshots;
import packer.workspace.Workspace;

/**
 * Lane commands over HTTP: each request is one {@link Command} handed to the workspace's single
 * writer (create, update, rename, move, relocate, remove, adopt). With {@code If-Match: "VERSION"}
 * it applies only if the snapshot is still that version, else 409 naming the current one; the
 * answer names the first version that shows the commit.
 */
public final class CommandApi {

  /** The largest create request: its input files come in it, base64-encoded. */
  public static final int MAX_CREATE_BODY = 64 << 20;
  /** The largest body of the other commands (an asset.json is at most 1 MiB). */
  public static final int MAX_BODY = 2 << 20;
  private static final Set<String> CREATE_KEYS = Set.of("folder", "type", "name", "tags", "inputs");
  private static final ObjectMapper BODIES = new ObjectMapper(JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_CREATE_BODY)
          .maxNestingDepth(JsonDocument.MAX_DEPTH + 2).build())
      .build())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final Workspace workspace;
  private final Uploads uploads;

  /** Also removes the staged uploads a server killed in the middle of a create left behind. */
  public CommandApi(Workspace workspace) {
    this.workspace = workspace;
    this.uploads = new Uploads(workspace.root());
    uploads.sweep();
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/assets", this::create);
    routes.put("/api/assets/{id}/declaration", ctx -> run(ctx, Set.of("declaration"),
        body -> new Command.Update(idOf(ctx), declaration(body))));
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
    JsonNode body = body(ctx, keys, MAX_BODY);
    answer(ctx, 200, commit(command.apply(body), expected, message -> message));
  }

  /**
   * {@code POST /api/assets}: the input files come in the body and are staged under .packer for
   * the lane, then removed, committed or not.
   */
  private void create(Context ctx) {
    QueryParams.of(ctx, Set.of(), Set.of());
    OptionalLong expected = ifMatch(ctx.header("If-Match"));
    JsonNode body = body(ctx, CREATE_KEYS, MAX_CREATE_BODY);
    String folder = text(body, "folder");
    String type = text(body, "type");
    Optional<String> name = body.path("name").isNull() || body.path("name").isMissingNode()
        ? Optional.empty() : Optional.of(text(body, "name"));
    List<String> tags = texts(body, "tags");
    List<Uploads.Upload> inputs = inputs(body);
    Uploads.Staged staged;
    try {
      staged = uploads.stage(inputs);
    } catch (IOException e) {
      throw new ApiError(500, "io_error", "the input files could not be staged under .packer ("
          + e.getClass().getSimpleName() + "); nothing was written");
    }
    Receipt receipt;
    try (staged) {
      receipt = commit(new Command.Create(folder, name, type, staged.files(), tags), expected, staged::hidePaths);
    }
    ctx.header("Location", "/api/assets/" + receipt.id().hex());
    answer(ctx, 201, receipt);
  }

  private Receipt commit(Command command, OptionalLong expected, UnaryOperator<String> clean) {
    try {
      return workspace.submit(command, expected).join();
    } catch (CompletionException e) {
      throw refusal(e.getCause(), clean);
    }
  }

  private static void answer(Context ctx, int status, Receipt receipt) {
    ctx.header("ETag", Snapshots.etag(receipt.version()));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("version", receipt.version());
    answer.put("id", receipt.id().hex());
    answer.put("folder", receipt.folder().orElse(null));
    Json.send(ctx, status, answer);
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

  private static JsonNode body(Context ctx, Set<String> keys, int limit) {
    JsonNode body;
    try {
      body = BODIES.readTree(bodyBytes(ctx, limit));
    } catch (StreamConstraintsException e) {
      throw ApiError.badRequest("the body exceeds a limit of JSON: " + firstLine(e.getOriginalMessage()));
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

  /** The request body, refused with 413 beyond {@code limit} bytes, announced or not. */
  private static byte[] bodyBytes(Context ctx, int limit) throws IOException {
    long announced = ctx.req().getContentLengthLong();
    if (announced > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw tooLarge(limit);
      }
      return bytes;
    }
  }

  private static ApiError tooLarge(int limit) {
    return new ApiError(413, "payload_too_large", "the body is larger than this command takes ("
        + (limit >> 20) + " MiB); send smaller input files, or copy big ones into the workspace and adopt the folder");
  }

  private static byte[] declaration(JsonNode body) {
    JsonNode value = body.get("declaration");
    if (value == null || !value.isObject()) {
      throw ApiError.badRequest("'declaration' is required, as a JSON object: the whole new asset.json");
    }
    return CanonicalJson.pretty(value);
  }

  private static List<String> texts(JsonNode body, String key) {
    JsonNode value = body.get(key);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw ApiError.badRequest("'" + key + "' must be an array of strings");
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        throw ApiError.badRequest("'" + key + "' must be an array of strings");
      }
      texts.add(element.asText());
    }
    return texts;
  }

  private static List<Uploads.Upload> inputs(JsonNode body) {
    JsonNode value = body.get("inputs");
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw ApiError.badRequest("'inputs' must be an array of {\"name\": FILE_NAME, \"base64\": BYTES}");
    }
    List<Uploads.Upload> inputs = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode input = value.get(i);
      if (!input.isObject() || input.size() != 2 || !input.path("name").isTextual() || !input.path("base64").isTextual()) {
        throw ApiError.badRequest("inputs[" + i + "] must be {\"name\": FILE_NAME, \"base64\": BYTES}, with nothing else");
      }
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(input.get("base64").asText());
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("inputs[" + i + "].base64 is not base64 (RFC 4648, no line breaks): " + e.getMessage());
      }
      inputs.add(new Uploads.Upload(input.get("name").asText(), bytes));
    }
    return inputs;
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

  private static RuntimeException refusal(Throwable cause, UnaryOperator<String> clean) {
    if (cause instanceof CommandRejected rejected) {
      String message = clean.apply(rejected.getMessage());
      return switch (rejected.reason()) {
        case NOT_FOUND -> ApiError.notFound(message);
        case INVALID -> new ApiError(422, "refused", message);
        case CONFLICT -> new Conflict(message, rejected.currentVersion());
      };
    }
    if (cause instanceof IOException) {
      return new ApiError(500, "io_error", "the commit failed writing the workspace: " + clean.apply(cause.getMessage()));
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
