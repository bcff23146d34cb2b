package packer.server.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import packer.server.http.ApiError;

/** Query parameters checked strictly: an unknown or repeated one is a 400, never ignored. */
final class QueryParams {

  private final Map<String, List<String>> params;

  private QueryParams(Map<String, List<String>> params) {
    this.params = params;
  }

  static QueryParams of(Context ctx, Set<String> single, Set<String> repeatable) {
    Map<String, List<String>> params = ctx.queryParamMap();
    if (params.isEmpty()) {
      return new QueryParams(params);
    }
    Set<String> unknown = new TreeSet<>(params.keySet());
    unknown.removeAll(single);
    unknown.removeAll(repeatable);
    if (!unknown.isEmpty()) {
      Set<String> known = new TreeSet<>(single);
      known.addAll(repeatable);
      throw ApiError.badRequest("unknown query parameter " + String.join(", ", unknown)
          + (known.isEmpty() ? "; this endpoint takes none" : "; known: " + String.join(", ", known)));
    }
    for (String name : single) {
      if (params.getOrDefault(name, List.of()).size() > 1) {
        throw ApiError.badRequest("query parameter " + name + " is given more than once");
      }
    }
    return new QueryParams(params);
  }

  Optional<String> one(String name) {
    List<String> values = params.getOrDefault(name, List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  List<String> all(String name) {
    return params.getOrDefault(name, List.of());
  }

  int integer(String name, int fallback, int min, int max) {
    Optional<String> text = one(name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the range.
    }
    throw ApiError.badRequest(name + " must be a whole number from " + min + " to " + max + ", not '" + text.get() + "'");
  }
}
