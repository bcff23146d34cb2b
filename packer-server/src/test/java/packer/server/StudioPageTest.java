package packer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packer.server.security.SecurityHeaders;

/** The studio's files as the server sends them: types, headers, the fixed list, no secrets. */
class StudioPageTest {

  private static final Pattern STUDIO_LINK = Pattern.compile("(?:href|src)=\"(/studio/[^\"]+)\"");
  private static final Pattern IMPORT = Pattern.compile("from '\\./([^']+)'");

  @TempDir Path dir;
  ServedWorkspace served;

  @BeforeEach
  void setUp() throws Exception {
    Path root = ServedWorkspace.init(dir.resolve("game"), "game");
    ServedWorkspace.asset(root, "assets/hero", "hero", "text", List.of(), Map.of("hero.txt", "hi"));
    served = ServedWorkspace.serve(root);
    served.adopt("assets/hero");
  }

  @AfterEach
  void tearDown() throws Exception {
    served.close();
  }

  @Test
  void thePageIsHtmlWithTheStrictPolicyAndNothingInline() {
    HttpResponse<String> page = served.get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertStrictHeaders(page);
    String html = page.body();
    assertThat(html).contains("<script type=\"module\" src=\"/studio/app.js\"></script>")
        .contains("<link rel=\"stylesheet\" href=\"/studio/studio.css\">");
    // The policy allows no inline code or style: the page must not need any.
    assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find()).as("inline script").isFalse();
    assertThat(html).doesNotContainPattern("(?i)<style|\\sstyle=|\\son[a-z]+=|javascript:");
    assertThat(html).doesNotContainPattern("(?i)https?://");
  }

  @Test
  void everyFileThePageUsesIsServedWithItsTypeAndHeaders() {
    TreeSet<String> used = new TreeSet<>();
    Matcher links = STUDIO_LINK.matcher(served.get("/").body());
    while (links.find()) {
      used.add(links.group(1).substring("/studio/".length()));
    }
    List<String> toRead = new ArrayList<>(used);
    for (int i = 0; i < toRead.size(); i++) {
      HttpResponse<String> file = served.get("/studio/" + toRead.get(i));
      String what = "/studio/" + toRead.get(i);

      assertThat(file.statusCode()).as(what).isEqualTo(200);
      String type = toRead.get(i).endsWith(".css") ? "text/css" : "text/javascript";
      assertThat(file.headers().firstValue("Content-Type")).as(what)
          .hasValueSatisfying(t -> assertThat(t).isEqualTo(type + "; charset=utf-8"));
      assertThat(file.headers().firstValue("Cache-Control")).as(what).hasValue("no-cache");
      assertStrictHeaders(file);
      assertThat(file.body()).as(what).doesNotContain("eval(").doesNotContain("new Function").doesNotContain("innerHTML")
          .doesNotContainPattern("https?://");
      Matcher imports = IMPORT.matcher(file.body());
      while (imports.find()) {
        if (used.add(imports.group(1))) {
          toRead.add(imports.group(1));
        }
      }
    }
    assertThat(used).containsExactlyInAnyOrderElementsOf(StudioPage.FILES);
  }

  @Test
  void anUnknownStudioFileIsA404() {
    for (String path : List.of("/studio/nope.js", "/studio/index.html", "/studio/", "/studio/app.js.map",
        "/studio/APP.JS", "/studio/app.js/x", "/studio/app.js?v=1")) {
      HttpResponse<String> answer = served.get(path);

      assertThat(answer.statusCode()).as(path).isEqualTo(404);
      assertThat(answer.body()).as(path).contains("not_found").doesNotContain("import ");
      assertStrictHeaders(answer);
    }
  }

  @Test
  void noTokenIsEverInThePageOrItsFiles() {
    String login = served.server.studioUrl().substring(served.server.studioUrl().indexOf("token=") + 6);
    HttpResponse<String> signIn = served.get("/?token=" + login);
    assertThat(signIn.statusCode()).isEqualTo(303);
    String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    String session = cookie.substring(cookie.indexOf('=') + 1);

    List<String> bodies = new ArrayList<>();
    bodies.add(served.get("/").body());
    bodies.add(served.get("/", "Cookie", cookie).body());
    for (String file : StudioPage.FILES) {
      bodies.add(served.get("/studio/" + file, "Cookie", cookie).body());
    }
    for (String body : bodies) {
      assertThat(body).doesNotContain(login).doesNotContain(session).doesNotContain(served.server.bearerToken());
    }
  }

  @Test
  void traversalFromTheStudioFolderNeverReachesAnotherResource() throws Exception {
    List<String> targets = List.of("/studio/../packer/server/StudioPage.class", "/studio/..%2fpacker%2fserver%2fStudioPage.class",
        "/studio/%2e%2e/packer/server/StudioPage.class", "/studio/%2e%2e%2fpacker%2fserver%2fStudioPage.class",
        "/studio/%252e%252e%252fpacker%252fserver%252fStudioPage.class", "/studio/..%5cpacker%5cserver%5cStudioPage.class",
        "/studio/..\\packer\\server\\StudioPage.class", "/studio/./app.js%00.class", "/studio/%2e/app.js",
        "/studio/../../../../../../etc/passwd", "/studio/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/studio/..;/packer/server/StudioPage.class", "/studio/META-INF%2fMANIFEST.MF", "/studio/%2fetc%2fpasswd");
    for (String target : targets) {
      RawHttp.Answer answer = RawHttp.get(served.server.port(), target);

      assertThat(answer.status()).as(target + "\n" + answer.text()).isIn(400, 403, 404);
      assertThat(answer.text()).as(target).doesNotContain("\u00ca\u00fe\u00ba\u00be").doesNotContain("root:")
          .doesNotContain("Manifest-Version");
    }
  }

  private static void assertStrictHeaders(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
    assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).contains("default-src 'none'").contains("script-src 'self'")
        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
  }
}
