package packer.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import packer.server.build.BuildRunner;
import packer.server.build.BuildStatus;
import packer.server.http.ApiError;
import packer.server.http.Json;
import packer.server.http.Snapshots;
import packer.snapshot.SnapshotPublisher;

/**
 * Builds over HTTP: {@code POST /api/builds} starts one (or answers the one running), {@code GET
 * /api/builds/last} and {@code /api/builds/{n}} follow it. The {@code ETag} is the current snapshot
 * version, as on every answer; the body names the version the build reads.
 */
public final class BuildApi {

  private final BuildRunner runner;
  private final SnapshotPublisher snapshots;

  public BuildApi(BuildRunner runner, SnapshotPublisher snapshots) {
    this.runner = runner;
    this.snapshots = snapshots;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/builds", this::start);
    routes.get("/api/builds/{n}", this::get);
  }

  private void start(Context ctx) {
    QueryParams.of(ctx, Set.of(), Set.of());
    requireEmptyObject(ctx);
    BuildRunner.Start start;
    try {
      start = runner.start();
    } catch (IllegalStateException stopping) {
      throw new ApiError(503, "stopping", stopping.getMessage());
    }
    tag(ctx);
    Json.send(ctx, 202, json(start.status(), start.started()));
  }

  private void get(Context ctx) {
    QueryParams.of(ctx, Set.of(), Set.of());
    String n = ctx.pathParam("n");
    BuildStatus status;
    if (n.equals("last")) {
      status = runner.last().orElseThrow(
          () -> ApiError.notFound("no build has run since the server started; start one with POST /api/builds"));
    } else {
      if (!n.matches("[0-9]{1,18}")) {
        throw ApiError.badRequest("'" + n + "' is not a build number: use a whole number like 3, or last");
      }
      status = runner.get(Long.parseLong(n)).orElseThrow(() -> ApiError.notFound("no build " + n
          + " on this server (it keeps the last " + BuildRunner.KEPT + "); GET /api/builds/last names the latest"));
    }
    tag(ctx);
    Json.send(ctx, 200, json(status, true));
  }

  private void tag(Context ctx) {
    ctx.header("ETag", Snapshots.etag(snapshots.current().version()));
  }

  /** The body must be {@code {}}; an empty body counts as one. */
  private static void requireEmptyObject(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      return;
    }
    JsonNode body;
    try {
      body = Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw ApiError.badRequest("the body is not JSON: " + e.getMessage().split("\n", 2)[0]);
    }
    if (body == null || body.isMissingNode()) {
      return;
    }
    if (!body.isObject()) {
      throw ApiError.badRequest("the body must be the JSON object {}");
    }
    if (body.size() > 0) {
      throw ApiError.badRequest("unknown key '" + body.fieldNames().next() + "'; a build takes none: send {}");
    }
  }

  /** A build as the API and the event stream show it, keys in a fixed order. */
  static Map<String, Object> json(BuildStatus status, boolean started) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("build", status.number());
    json.put("state", status.state().label());
    json.put("started", started);
    json.put("version", status.version());
    json.put("done", status.done());
    json.put("total", status.total());
    json.put("result", status.result().map(BuildApi::result).orElse(null));
    json.put("diagnostics", AssetJson.diagnostics(status.diagnostics()));
    json.put("error", status.error().orElse(null));
    return json;
  }

  private static Map<String, Object> result(BuildStatus.Result result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("pack", result.pack());
    json.put("bytes", result.bytes());
    json.put("sha256", result.sha256());
    json.put("entries", result.entries());
    json.put("processed", result.processed());
    json.put("reused", result.reused());
    json.put("rewritten", result.rewritten());
    json.put("millis", result.millis());
    return json;
  }

  static String text(BuildStatus status) {
    try {
      return Json.mapper().writeValueAsString(json(status, true));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
