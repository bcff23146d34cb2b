package packer.server;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.net.Inet6Address;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import packer.server.api.BuildApi;
import packer.server.api.CommandApi;
import packer.server.api.EventStream;
import packer.server.api.InputFiles;
import packer.server.api.ReadApi;
import packer.server.build.BuildRunner;
import packer.server.discovery.Discovery;
import packer.server.discovery.DiscoveryFile;
import packer.server.http.ApiError;
import packer.server.http.Json;
import packer.server.http.Snapshots;
import packer.server.security.AllowedOrigins;
import packer.server.security.Credentials;
import packer.server.security.RequestGuard;
import packer.server.security.SecurityHeaders;
import packer.server.security.SessionApi;
import packer.workspace.Workspace;

/**
 * The local HTTP runtime over an open workspace: a JSON API read from snapshots, guarded by
 * {@link RequestGuard}, announced to other processes by {@code .packer/server.json}.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.openForWriting(dir, Options.defaults(), "packer serve");
 *     PackerServer server = PackerServer.start(ws, ServerOptions.loopback(0))) {
 *   System.out.println(server.studioUrl());
 * }
 * }</pre>
 */
public final class PackerServer implements AutoCloseable {

  private final Javalin app;
  private final Path root;
  private final Credentials credentials;
  private final Discovery discovery;
  private final String baseUrl;
  private final EventStream events;
  private final BuildRunner builds;
  private boolean closed;

  private PackerServer(Javalin app, Path root, Credentials credentials, Discovery discovery, String baseUrl,
      EventStream events, BuildRunner builds) {
    this.app = app;
    this.events = events;
    this.builds = builds;
    this.root = root;
    this.credentials = credentials;
    this.discovery = discovery;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts serving {@code workspace} and writes the discovery file. The workspace stays the
   * caller's to close, after this server.
   */
  public static PackerServer start(Workspace workspace, ServerOptions options) throws IOException {
    Credentials credentials = new Credentials();
    RequestGuard guard = new RequestGuard(credentials);
    ReadApi read = new ReadApi(workspace.snapshots(), new InputFiles(workspace.root()));
    StudioPage studio = StudioPage.load();
    BuildRunner builds = BuildRunner.standard(workspace.root(), workspace.snapshots());
    EventStream events = new EventStream(workspace.snapshots(), EventStream.HEARTBEAT);
    builds.listen(events::build);
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.generateEtags = false;
      // Answers travel over loopback: compressing them would cost CPU and gain nothing.
      config.http.compressionStrategy = CompressionStrategy.NONE;
      config.jetty.host = options.bind().getHostAddress();
      config.jetty.port = options.port();
      config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
      config.routes.before(guard::check);
      new SessionApi(credentials, guard, workspace.snapshots(), studio.html()).register(config.routes);
      studio.register(config.routes);
      read.register(config.routes);
      new CommandApi(workspace).register(config.routes);
      events.register(config.routes);
      new BuildApi(builds, workspace.snapshots()).register(config.routes);
      config.routes.exception(ApiError.class, (e, ctx) -> {
        SecurityHeaders.apply(ctx);
        Json.sendError(ctx, e);
      });
      config.routes.exception(CommandApi.Conflict.class, (e, ctx) -> {
        SecurityHeaders.apply(ctx);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", "conflict");
        detail.put("message", e.getMessage());
        e.current().ifPresent(v -> {
          detail.put("currentVersion", v);
          ctx.header("ETag", Snapshots.etag(v));
        });
        Json.send(ctx, 409, Map.of("error", detail));
      });
      config.routes.exception(HttpResponseException.class, (e, ctx) -> {
        SecurityHeaders.apply(ctx);
        Json.sendError(ctx, new ApiError(e.getStatus(), e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus(),
            e.getStatus() == 404 ? "no such endpoint: " + ctx.method() + " " + ctx.path() : e.getMessage()));
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        SecurityHeaders.apply(ctx);
        Json.sendError(ctx, new ApiError(500, "internal", "internal error; please report it with the request made"));
      });
    });
    try {
      app.start();
    } catch (RuntimeException e) {
      builds.close();
      events.close();
      throw e;
    }
    int port = app.port();
    String urlHost = urlHost(options.bind());
    // 127.0.0.1, localhost and [::1] are always allowed; another address only when it was bound.
    boolean usual = urlHost.equals("127.0.0.1") || urlHost.equals("[::1]");
    guard.allow(AllowedOrigins.forPort(port, usual ? null : urlHost));
    String baseUrl = "http://" + urlHost + ":" + port;
    Discovery discovery = new Discovery(Discovery.FORMAT, ProcessHandle.current().pid(), baseUrl, port,
        credentials.bearer().text());
    try {
      DiscoveryFile.write(workspace.root(), discovery);
    } catch (IOException | RuntimeException e) {
      builds.close();
      events.close();
      app.stop();
      throw e;
    }
    return new PackerServer(app, workspace.root(), credentials, discovery, baseUrl, events, builds);
  }

  /** The bound address as a URL writes it: IPv6 in brackets, and compressed as browsers send it. */
  static String urlHost(java.net.InetAddress address) {
    if (address instanceof Inet6Address) {
      String full = address.getHostAddress().replaceAll("%.*$", "");
      String compressed = full.replaceFirst("(^|:)(0+(:|$)){2,8}", "::").replaceAll("(^|:)0+([0-9a-fA-F])", "$1$2");
      return "[" + compressed.toLowerCase(java.util.Locale.ROOT) + "]";
    }
    return address.getHostAddress();
  }

  public int port() {
    return discovery.port();
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The studio link with the one-time sign-in token: print it once, log it never. */
  public String studioUrl() {
    return baseUrl + "/?token=" + credentials.login().text();
  }

  /** The bearer token tools send in {@code Authorization}; also in the discovery file. */
  public String bearerToken() {
    return credentials.bearer().text();
  }

  /** Stops serving and removes the discovery file (if no other server replaced it). */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      // A running build ends first (at its next asset, writing nothing) so its end is still sent.
      builds.close();
      events.close();
      app.stop();
    } finally {
      DiscoveryFile.removeIfOurs(root, discovery);
    }
  }
}
