package packer.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON bodies of the API: ordered maps and lists in, UTF-8 bytes out, the same every time. */
public final class Json {

  public static final String CONTENT_TYPE = "application/json; charset=utf-8";
  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

  private Json() {}

  /** Writes {@code body} with {@code status}. */
  public static void send(Context ctx, int status, Object body) {
    sendWritten(ctx, status, write(body));
  }

  /** Writes {@code body}, JSON text already written as {@link #send} would write it. */
  public static void sendWritten(Context ctx, int status, byte[] body) {
    ctx.status(status).contentType(CONTENT_TYPE).result(body);
  }

  /** {@code body} as {@link #send} writes it. */
  public static byte[] write(Object body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void sendError(Context ctx, ApiError error) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("code", error.code());
    detail.put("message", error.getMessage());
    send(ctx, error.status(), Map.of("error", detail));
  }

  /** A JSON text already known to be valid (a declaration's canonical params), as a tree. */
  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
