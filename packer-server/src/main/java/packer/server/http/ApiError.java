package packer.server.http;

/**
 * A request the API refuses, answered as {@code {"error": {"code": ..., "message": ...}}} with its
 * HTTP status. Thrown from filters and handlers; nothing after it runs.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String code;

  public ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }

  public static ApiError forbidden(String code, String message) {
    return new ApiError(403, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
