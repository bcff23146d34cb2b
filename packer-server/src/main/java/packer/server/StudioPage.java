package packer.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import packer.server.http.ApiError;

/**
 * The studio: one static page ({@code /}) and its scripts and styles under {@code /studio/NAME}.
 * The files are a fixed list read from the classpath once; a request names one of them or gets a
 * 404, so no part of a request is ever resolved as a path.
 */
final class StudioPage {

  /** Every file the page uses, by the name it is asked for with. */
  static final java.util.List<String> FILES = java.util.List.of(
      "studio.css", "app.js", "api.js", "dom.js", "live.js", "build.js", "dialogs.js");

  private static final Map<String, String> TYPES = Map.of(
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8");

  private final byte[] index;
  private final Map<String, byte[]> files;

  private StudioPage(byte[] index, Map<String, byte[]> files) {
    this.index = index;
    this.files = files;
  }

  static StudioPage load() {
    Map<String, byte[]> files = new TreeMap<>();
    for (String name : FILES) {
      files.put(name, resource(name));
    }
    return new StudioPage(resource("index.html"), Map.copyOf(files));
  }

  /** The page served at {@code /}: static, so it never holds a token or a workspace's content. */
  String html() {
    return new String(index, StandardCharsets.UTF_8);
  }

  void register(RoutesConfig routes) {
    routes.get("/studio/{file}", this::serve);
  }

  private void serve(Context ctx) {
    String name = ctx.pathParam("file");
    byte[] body = files.get(name);
    if (body == null || !ctx.queryParamMap().isEmpty()) {
      throw ApiError.notFound("the studio has no file '" + name + "'");
    }
    String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    // The page is small and local: the browser asks again each time instead of trusting a copy.
    ctx.header("Cache-Control", "no-cache");
    ctx.status(200).contentType(TYPES.get(extension)).result(body);
  }

  private static byte[] resource(String name) {
    try (InputStream in = StudioPage.class.getResourceAsStream("/studio/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the studio file " + name + " is missing from the packer-server jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
