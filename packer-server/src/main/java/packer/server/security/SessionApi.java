package packer.server.security;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import packer.server.http.ApiError;
import packer.server.http.Json;
import packer.server.http.Snapshots;
import packer.snapshot.Snapshot;
import packer.snapshot.SnapshotPublisher;

/**
 * Signing in: the studio link's one-time {@code ?token=} becomes an {@code HttpOnly;
 * SameSite=Strict} cookie and the browser is sent on to the clean URL, so the token leaves the
 * address bar and history. {@code POST /api/session} tells a client whether its credentials work.
 */
public final class SessionApi {

  private final Credentials credentials;
  private final RequestGuard guard;
  private final SnapshotPublisher snapshots;
  private final String page;

  public SessionApi(Credentials credentials, RequestGuard guard, SnapshotPublisher snapshots,
      String page) {
    this.credentials = credentials;
    this.guard = guard;
    this.snapshots = snapshots;
    this.page = page;
  }

  public void register(RoutesConfig routes) {
    routes.get("/", this::home);
    routes.post("/api/session", this::session);
  }

  private void home(Context ctx) {
    Map<String, java.util.List<String>> params = ctx.queryParamMap();
    if (!params.isEmpty() && !params.keySet().equals(Set.of("token"))) {
      throw ApiError.badRequest("the studio page takes no query parameters but token");
    }
    String token = ctx.queryParam("token");
    if (token != null) {
      if (!credentials.redeemLogin(token)) {
        ctx.status(403).contentType("text/html; charset=utf-8").result(html(
            "This sign-in link was already used or is wrong. Each link works once; restart packer serve"
                + " for a new one."));
        return;
      }
      ctx.header("Set-Cookie", credentials.cookieName() + "=" + credentials.session().text()
          + "; Path=/; HttpOnly; SameSite=Strict");
      ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    ctx.status(200).contentType("text/html; charset=utf-8").result(page);
  }

  private void session(Context ctx) {
    Snapshot snapshot = Snapshots.tag(ctx, snapshots.current());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", snapshot.version());
    body.put("authenticatedBy", guard.authenticatedBy(ctx));
    Json.send(ctx, 200, body);
  }

  static String html(String message) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Packer</title></head>"
        + "<body><p>" + message + "</p></body></html>\n";
  }
}
