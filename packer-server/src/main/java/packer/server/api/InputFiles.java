package packer.server.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import packer.scan.ResolvedInput;
import packer.server.http.ApiError;
import packer.snapshot.Asset;

/**
 * Serves an input file's bytes for previews. The file is named by asset id and an input path the
 * snapshot lists for that asset, compared exactly: a path from the request is never resolved on
 * disk. The file found must still lie inside the asset's folder once links are resolved, because
 * it may have become a link since the scan.
 */
public final class InputFiles {

  /** Types a browser may show; anything else (html and svg included) is served as plain bytes. */
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"),
      Map.entry("bmp", "image/bmp"),
      Map.entry("wav", "audio/wav"),
      Map.entry("ogg", "audio/ogg"),
      Map.entry("mp3", "audio/mpeg"),
      Map.entry("json", "application/json"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("csv", "text/plain; charset=utf-8"));

  private final Path root;

  public InputFiles(Path root) {
    this.root = root;
  }

  void send(Context ctx, Asset asset, String inputPath) {
    ResolvedInput input = declared(asset, inputPath).orElseThrow(() -> ApiError.notFound(
        "asset " + asset.id().map(id -> id.hex()).orElse(asset.folder()) + " has no input '" + inputPath
            + "'; its inputs are listed by GET /api/assets/{id}"));
    Path file;
    try {
      Path folder = root.resolve(asset.folder()).toRealPath();
      file = root.resolve(asset.folder()).resolve(input.path()).toRealPath();
      if (!file.startsWith(folder) || !file.startsWith(root.toRealPath())) {
        throw ApiError.forbidden("outside_asset",
            "input '" + inputPath + "' leads outside its asset folder (a link?); it is not served");
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw ApiError.notFound("input '" + inputPath + "' is not a file");
      }
    } catch (NoSuchFileException e) {
      throw ApiError.notFound("input '" + inputPath + "' is gone from disk since the snapshot was taken");
    } catch (IOException e) {
      throw new ApiError(500, "io_error", "input '" + inputPath + "' could not be read");
    }
    try {
      InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
      ctx.status(200).contentType(contentType(input.path()));
      ctx.header("Content-Disposition", "inline");
      ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
      ctx.result(in);
    } catch (IOException e) {
      throw new ApiError(500, "io_error", "input '" + inputPath + "' could not be read");
    }
  }

  private static Optional<ResolvedInput> declared(Asset asset, String path) {
    return asset.inputs().stream().filter(input -> input.path().equals(path)).findFirst();
  }

  static String contentType(String path) {
    int dot = path.lastIndexOf('.');
    int slash = path.lastIndexOf('/');
    if (dot <= slash + 1) {
      return "application/octet-stream";
    }
    String extension = path.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }
}
