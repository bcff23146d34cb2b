package packer.server.security;

import io.javalin.http.Context;

/** Headers on every response: nothing is framed, sniffed, cached, shared cross-origin or referred. */
public final class SecurityHeaders {

  /** Nothing but same-origin images and styles; the API itself needs none of it. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; img-src 'self'; style-src 'self'; connect-src 'self'; script-src 'self';"
          + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  public static void apply(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }
}
