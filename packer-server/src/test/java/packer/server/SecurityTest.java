package packer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The security matrix of RELIABILITY.md (The local HTTP runtime): who may talk to the server, and
 * what every response carries. Each refusal is checked on a read and on the write route.
 */
class SecurityTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  ServedWorkspace served;
  int port;

  @BeforeEach
  void setUp() throws Exception {
    Path root = ServedWorkspace.init(dir.resolve("game"), "game");
    ServedWorkspace.asset(root, "assets/hero", "hero", "blob", List.of(), Map.of("hero.bin", "HERO"));
    served = ServedWorkspace.serve(root);
    port = served.server.port();
  }

  @AfterEach
  void tearDown() throws Exception {
    served.close();
  }

  static String errorCode(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("error").get("code").asText();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:%d", "localhost:%d", "LOCALHOST:%d", "[::1]:%d"})
  void theLoopbackNamesWithOurPortAreServed(String host) {
    HttpResponse<String> response = served.get("/api/workspace", "Host", String.format(host, port));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "evil.example", "evil.example:%d", "127.0.0.1.nip.io:%d", "127.0.0.1.nip.io", "127.0.0.1",
    "localhost", "127.0.0.1:1", "localhost.:%d", "0.0.0.0:%d", "[::1]", "127.0.0.1:%d.evil.example"
  })
  void aForeignHostIsRefusedEverywhere(String host) throws Exception {
    String forged = String.format(host, port);
    for (String path : List.of("/api/workspace", "/api/assets", "/", "/no-such-page")) {
      HttpResponse<String> response = served.get(path, "Host", forged);

      // Jetty itself answers 400 to a Host it cannot parse; the rest reach the guard.
      assertThat(response.statusCode()).as(path + " with Host " + forged).isIn(400, 403);
      if (response.statusCode() == 403) {
        assertThat(errorCode(response)).isEqualTo("forbidden_host");
      }
    }
    HttpResponse<String> write = served.post("/api/session", "{}", withBearer("Host", forged));
    assertThat(write.statusCode()).isIn(400, 403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://evil.example", "null", "http://127.0.0.1.nip.io:%d", "https://127.0.0.1:%d",
    "http://127.0.0.1:1", "http://localhost:%d.evil.example"})
  void aForeignOriginIsRefusedOnReadsAndWrites(String origin) throws Exception {
    String forged = String.format(origin, port);
    HttpResponse<String> read = served.get("/api/assets", "Origin", forged);
    HttpResponse<String> write = served.post("/api/session", "{}", withBearer("Origin", forged));

    assertThat(read.statusCode()).isEqualTo(403);
    assertThat(errorCode(read)).isEqualTo("forbidden_origin");
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void ourOwnOriginIsAccepted() {
    HttpResponse<String> response = served.post("/api/session", "{}", withBearer("Origin", "http://127.0.0.1:" + port));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cross-site", "same-site", "CROSS-SITE"})
  void aRequestFromAnotherSiteIsRefused(String site) throws Exception {
    HttpResponse<String> read = served.get("/api/assets", "Sec-Fetch-Site", site);
    HttpResponse<String> write = served.post("/api/session", "{}", withBearer("Sec-Fetch-Site", site));

    assertThat(read.statusCode()).isEqualTo(403);
    assertThat(errorCode(read)).isEqualTo("forbidden_site");
    assertThat(write.statusCode()).isEqualTo(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"same-origin", "none"})
  void aRequestFromOurOwnPageOrTheAddressBarIsServed(String site) {
    assertThat(served.get("/api/assets", "Sec-Fetch-Site", site).statusCode()).isEqualTo(200);
  }

  @Test
  void aWriteWithoutATokenIsRefused() throws Exception {
    HttpResponse<String> response = served.post("/api/session", "{}", "Content-Type", "application/json");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(errorCode(response)).isEqualTo("unauthorized");
    assertThat(JSON.readTree(response.body()).get("error").get("message").asText()).contains(".packer/server.json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer wrong", "Bearer ", "Basic abc", "bearer %s", "Bearer %sx", "Bearer %s%s"})
  void aWriteWithAWrongTokenIsRefused(String authorization) throws Exception {
    String token = served.server.bearerToken();
    String header = authorization.replace("%s", token);
    HttpResponse<String> response = served.post("/api/session", "{}",
        "Authorization", header, "Content-Type", "application/json");

    assertThat(response.statusCode()).as(header).isEqualTo(401);
  }

  @Test
  void theLoginTokenAndTheCookieValueAreNotBearerTokens() throws Exception {
    String login = served.server.studioUrl().substring(served.server.studioUrl().indexOf("token=") + 6);
    HttpResponse<String> response = served.post("/api/session", "{}",
        "Authorization", "Bearer " + login, "Content-Type", "application/json");

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain",
    "application/jsonp", "application/json-seq"})
  void aWriteThatIsNotJsonIsRefused(String type) throws Exception {
    HttpResponse<String> response = served.post("/api/session", "{}",
        "Authorization", "Bearer " + served.server.bearerToken(), "Content-Type", type);

    assertThat(response.statusCode()).as(type).isEqualTo(415);
    assertThat(errorCode(response)).isEqualTo("unsupported_media_type");
  }

  @Test
  void aToolWithTheBearerTokenIsAccepted() throws Exception {
    HttpResponse<String> response = served.post("/api/session", "{}", withBearer());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("authenticatedBy").asText()).isEqualTo("bearer");
    assertThat(response.headers().firstValue("ETag")).hasValue("\"" + body.get("version").asLong() + "\"");
  }

  @Test
  void theOneTimeLinkBecomesAStrictHttpOnlyCookieAndACleanUrlOnce() throws Exception {
    String studio = served.server.studioUrl();
    assertThat(studio).startsWith("http://127.0.0.1:" + port + "/?token=");
    String path = studio.substring(studio.indexOf(":" + port) + String.valueOf(port).length() + 1);

    HttpResponse<String> first = served.get(path);

    assertThat(first.statusCode()).isEqualTo(303);
    assertThat(first.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/").doesNotContain("token"));
    String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
    String pair = cookie.split(";", 2)[0];
    assertThat(pair).doesNotContain(served.server.bearerToken());

    HttpResponse<String> withCookie = served.post("/api/session", "{}", "Cookie", pair, "Content-Type", "application/json");
    assertThat(withCookie.statusCode()).as(withCookie.body()).isEqualTo(200);
    assertThat(JSON.readTree(withCookie.body()).get("authenticatedBy").asText()).isEqualTo("cookie");

    HttpResponse<String> again = served.get(path);
    assertThat(again.statusCode()).isEqualTo(403);
    assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void aWrongLoginTokenGetsNoCookie() {
    HttpResponse<String> response = served.get("/?token=" + served.server.bearerToken());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void aForgedCookieIsNoSession() {
    HttpResponse<String> response = served.post("/api/session", "{}",
        "Cookie", "packer_session=" + served.server.bearerToken(), "Content-Type", "application/json");

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void everyResponseCarriesTheSecurityHeadersAndNoCors() {
    List<HttpResponse<String>> responses = List.of(
        served.get("/api/workspace"),
        served.get("/"),
        served.get("/api/assets/0000000000000001"),
        served.get("/api/assets?limit=0"),
        served.get("/api/workspace", "Host", "evil.example"),
        served.post("/api/session", "{}", "Content-Type", "application/json"),
        served.send(HttpRequest.newBuilder(URI.create(served.url("/api/session")))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
            "Origin", "http://127.0.0.1:" + port, "Access-Control-Request-Method", "POST"));

    for (HttpResponse<String> response : responses) {
      String what = response.request().method() + " " + response.uri() + " -> " + response.statusCode();
      assertThat(response.headers().firstValue("Content-Security-Policy")).as(what)
          .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'"));
      assertThat(response.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
      assertThat(response.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
      assertThat(response.headers().map().keySet()).as(what).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }
  }

  private String[] withBearer(String... more) {
    String[] base = served.bearer();
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
