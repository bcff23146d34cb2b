package packer.server.security;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;
import java.util.Set;
import packer.server.http.ApiError;

/**
 * The filter in front of every route, static pages and unknown paths included: it checks where a
 * request comes from before any handler sees it, and sets the headers every response carries.
 */
public final class RequestGuard {

  public static final String BEARER_PREFIX = "Bearer ";
  private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
  private static final Set<String> FETCH_SITES_ALLOWED = Set.of("same-origin", "none");

  private final Credentials credentials;
  private volatile AllowedOrigins origins;

  public RequestGuard(Credentials credentials) {
    this.credentials = credentials;
  }

  /** Set once the port is known; until then every request is refused. */
  public void allow(AllowedOrigins allowed) {
    this.origins = allowed;
  }

  public void check(Context ctx) {
    SecurityHeaders.apply(ctx);
    AllowedOrigins allowed = origins;
    if (allowed == null || !allowed.isAllowedHost(ctx.header("Host"))) {
      throw ApiError.forbidden("forbidden_host",
          "this server answers only to 127.0.0.1, localhost or [::1] with its port in the Host header");
    }
    String origin = ctx.header("Origin");
    if (origin != null && !allowed.isAllowedOrigin(origin)) {
      throw ApiError.forbidden("forbidden_origin", "requests from other origins are refused");
    }
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && !FETCH_SITES_ALLOWED.contains(site.trim().toLowerCase(Locale.ROOT))) {
      throw ApiError.forbidden("forbidden_site", "requests from other sites are refused");
    }
    if (!SAFE.contains(ctx.method())) {
      requireToken(ctx);
      requireJson(ctx);
    }
  }

  /** How the request proved itself: "bearer", "cookie", or null when it did not. */
  public String authenticatedBy(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.startsWith(BEARER_PREFIX)
        && credentials.bearer().matches(authorization.substring(BEARER_PREFIX.length()).trim())) {
      return "bearer";
    }
    if (credentials.session().matches(ctx.cookie(credentials.cookieName()))) {
      return "cookie";
    }
    return null;
  }

  private void requireToken(Context ctx) {
    if (authenticatedBy(ctx) == null) {
      throw new ApiError(401, "unauthorized",
          "a token is required for this request: send 'Authorization: Bearer TOKEN' with the token from"
              + " .packer/server.json, or open the studio link printed by packer serve");
    }
  }

  private static void requireJson(Context ctx) {
    String type = ctx.header("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json")) {
      throw new ApiError(415, "unsupported_media_type",
          "write requests take a JSON body: send 'Content-Type: application/json'");
    }
  }
}
