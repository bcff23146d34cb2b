package packer.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import packer.diagnostic.Diagnostic;
import packer.id.AssetId;
import packer.server.http.ApiError;
import packer.server.http.Json;
import packer.server.http.Snapshots;
import packer.snapshot.Asset;
import packer.snapshot.AssetState;
import packer.snapshot.Snapshot;
import packer.snapshot.SnapshotPublisher;
import packer.workspace.WorkspaceConfig;

/**
 * The read side of the API. Each handler takes the current snapshot once, answers only from it and
 * names its version in {@code ETag} and in the body; it never waits for the lane.
 */
public final class ReadApi {

  private final SnapshotPublisher snapshots;
  private final InputFiles inputs;
  /** At most this many assets' detail texts are kept (most are under 1 KiB). */
  static final int DETAILS_KEPT = 1 << 14;

  private final Matches matches = new Matches();
  private final JsonCache<byte[]> details = new JsonCache<>(DETAILS_KEPT, asset -> Json.write(AssetJson.detail(asset)));

  public ReadApi(SnapshotPublisher snapshots, InputFiles inputs) {
    this.snapshots = snapshots;
    this.inputs = inputs;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/workspace", this::workspace);
    routes.get("/api/assets", this::list);
    routes.get("/api/assets/{id}", this::asset);
    routes.get("/api/assets/{id}/inputs/<input>", this::input);
    routes.get("/api/folders/<folder>", this::folder);
    routes.get("/api/diagnostics", this::diagnostics);
  }

  private Snapshot read(Context ctx) {
    return Snapshots.tag(ctx, snapshots.current());
  }

  private void workspace(Context ctx) {
    QueryParams.of(ctx, Set.of(), Set.of());
    Snapshot snapshot = read(ctx);
    WorkspaceConfig config = snapshot.state().config();
    Map<AssetState, Integer> counts = new EnumMap<>(AssetState.class);
    int total = 0;
    for (Asset asset : snapshot.assets()) {
      counts.merge(asset.state(), 1, Integer::sum);
      total++;
    }
    Map<String, Object> assets = new LinkedHashMap<>();
    assets.put("total", total);
    for (AssetState state : AssetState.values()) {
      assets.put(state.label(), counts.getOrDefault(state, 0));
    }
    long errors = snapshot.diagnostics().stream().filter(Diagnostic::isError).count();
    Map<String, Object> diagnostics = new LinkedHashMap<>();
    diagnostics.put("errors", errors);
    diagnostics.put("warnings", snapshot.diagnostics().size() - errors);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", snapshot.version());
    body.put("name", config.name());
    body.put("roots", config.roots());
    body.put("excludes", config.excludes());
    body.put("output", config.output());
    body.put("assets", assets);
    body.put("diagnostics", diagnostics);
    Json.send(ctx, 200, body);
  }

  private void list(Context ctx) {
    AssetQuery query = AssetQuery.parse(QueryParams.of(ctx, AssetQuery.SINGLE, AssetQuery.REPEATABLE));
    Snapshot snapshot = read(ctx);
    Json.sendWritten(ctx, 200, matches.page(snapshot, query, () -> listPage(snapshot, query)));
  }

  private byte[] listPage(Snapshot snapshot, AssetQuery query) {
    AssetQuery.Page page = query.page(matches.of(snapshot, query.filter()));
    List<Object> items = new ArrayList<>(page.assets().size());
    page.assets().forEach(asset -> items.add(matches.summary(asset)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", snapshot.version());
    body.put("total", page.total());
    body.put("assets", items);
    body.put("nextCursor", page.nextCursor().orElse(null));
    return Json.write(body);
  }

  private void asset(Context ctx) {
    QueryParams.of(ctx, Set.of(), Set.of());
    AssetId id = idOf(ctx);
    Snapshot snapshot = read(ctx);
    Asset asset = snapshot.byId(id).orElseThrow(() -> unknown(id));
    sendAsset(ctx, snapshot, asset);
  }

  private void folder(Context ctx) {
    QueryParams.of(ctx, Set.of(), Set.of());
    String folder = ctx.pathParam("folder");
    Snapshot snapshot = read(ctx);
    Asset asset = snapshot.byFolder(folder).orElseThrow(
        () -> ApiError.notFound("no asset has the folder '" + folder + "' in snapshot " + snapshot.version()));
    sendAsset(ctx, snapshot, asset);
  }

  private void sendAsset(Context ctx, Snapshot snapshot, Asset asset) {
    Json.sendWritten(ctx, 200, assetBody(snapshot.version(), details.get(asset)));
  }

  /** {@code {"version":V,"asset":DETAIL}} as Jackson writes that map, around a detail already written. */
  static byte[] assetBody(long version, byte[] detail) {
    byte[] head = ("{\"version\":" + version + ",\"asset\":").getBytes(StandardCharsets.US_ASCII);
    byte[] body = Arrays.copyOf(head, head.length + detail.length + 1);
    System.arraycopy(detail, 0, body, head.length, detail.length);
    body[body.length - 1] = '}';
    return body;
  }

  private void input(Context ctx) {
    QueryParams.of(ctx, Set.of(), Set.of());
    AssetId id = idOf(ctx);
    Snapshot snapshot = read(ctx);
    Asset asset = snapshot.byId(id).orElseThrow(() -> unknown(id));
    inputs.send(ctx, asset, ctx.pathParam("input"));
  }

  private void diagnostics(Context ctx) {
    QueryParams params = QueryParams.of(ctx, Set.of("severity"), Set.of());
    String severity = params.one("severity").orElse(null);
    if (severity != null && !severity.equals("error") && !severity.equals("warning")) {
      throw ApiError.badRequest("severity must be error or warning, not '" + severity + "'");
    }
    Snapshot snapshot = read(ctx);
    List<Diagnostic> chosen = new ArrayList<>();
    for (Diagnostic diagnostic : snapshot.diagnostics()) {
      if (severity == null || diagnostic.severity().label().equals(severity)) {
        chosen.add(diagnostic);
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", snapshot.version());
    body.put("diagnostics", AssetJson.diagnostics(chosen));
    Json.send(ctx, 200, body);
  }

  private static AssetId idOf(Context ctx) {
    String text = ctx.pathParam("id");
    if (!AssetId.isWellFormed(text)) {
      throw ApiError.badRequest("'" + text + "' is not an asset id (16 lowercase hex digits)");
    }
    return AssetId.parse(text);
  }

  private static ApiError unknown(AssetId id) {
    return ApiError.notFound("no asset has the id " + id.hex());
  }
}
