package packer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import packer.watch.WorkspaceWatcher;

/**
 * The studio in a real browser: headless Chromium driven through the system's chromedriver
 * (Debian {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs them). Signs in
 * with the printed link, then uses the page as a person would.
 */
class StudioBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "studio-screenshots");
  static final Duration PATIENCE = Duration.ofSeconds(30);

  static ChromeDriver driver;

  @TempDir Path dir;
  ServedWorkspace served;
  String hero;
  String grass;

  @BeforeAll
  static void startBrowser() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the studio browser test needs /usr/bin/chromium and /usr/bin/chromedriver"
            + " (apt-get install chromium chromium-driver; .ci/run does it)");
    // Both paths are given, so Selenium Manager has nothing to look up or download.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
        "--no-first-run", "--disable-background-networking", "--disable-extensions");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @BeforeEach
  void serve() throws Exception {
    Path root = ServedWorkspace.init(dir.resolve("game"), "game");
    ServedWorkspace.asset(root, "assets/sprites/hero", "hero", "image", List.of("sprite"), Map.of("hero.png", ""));
    png(root.resolve("assets/sprites/hero/hero.png"), 6, 4);
    ServedWorkspace.asset(root, "assets/tiles/grass", "grass", "image", List.of("tile"), Map.of("grass.png", ""));
    png(root.resolve("assets/tiles/grass/grass.png"), 8, 8);
    ServedWorkspace.asset(root, "assets/text/credits", "credits", "text", List.of("text"), Map.of("credits.txt", "us\n"));
    ServedWorkspace.asset(root, "assets/text/intro", "intro", "text", List.of("text"), Map.of("intro.txt", "once\n"));
    ServedWorkspace.asset(root, "assets/stray", "stray", "text", List.of(), Map.of("stray.txt", "lost\n"));
    served = ServedWorkspace.serve(root);
    hero = served.adopt("assets/sprites/hero").hex();
    grass = served.adopt("assets/tiles/grass").hex();
    served.adopt("assets/text/credits");
    served.adopt("assets/text/intro");
    driver.manage().logs().get(LogType.BROWSER);
  }

  @AfterEach
  void screenshotAndStop(TestInfo test) throws Exception {
    try {
      if (driver != null) {
        Files.createDirectories(SCREENSHOTS);
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
        scheme("");
      }
    } finally {
      if (served != null) {
        served.close();
      }
    }
  }

  @Test
  void listSearchPreviewRenameAndAnotherClientsChange() throws Exception {
    signIn();
    assertThat(names()).containsExactlyInAnyOrder("hero", "grass", "credits", "intro", "stray");
    assertThat(driver.findElement(By.id("signin")).isDisplayed()).isFalse();

    WebElement search = driver.findElement(By.id("search"));
    search.sendKeys("gra");
    waitFor("the search to narrow the list", () -> names().equals(List.of("grass")));
    search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    waitFor("the whole list back", () -> names().size() == 5);

    clickRow("hero");
    waitFor("hero's details", () -> text("detail-title").equals("hero") && text("detail-id").equals(hero));
    assertThat(text("details")).contains("hero.png").contains("assets/sprites/hero").contains("sprite");
    waitFor("the PNG preview to load", () -> previewWidth() > 0);
    assertThat(previewWidth()).isEqualTo(6);

    button("Rename…").click();
    WebElement name = driver.switchTo().activeElement();
    assertThat(name.getAttribute("id")).isEqualTo("dialog-field-name");
    name.sendKeys(Keys.chord(Keys.CONTROL, "a"), "knight", Keys.ENTER);
    waitFor("the new name in the list and the details",
        () -> names().contains("knight") && text("detail-title").equals("knight"));
    assertThat(Files.readString(served.root.resolve("assets/sprites/hero/asset.json"), StandardCharsets.UTF_8))
        .contains("\"knight\"");

    js("window.studioNotReloaded = true;");
    HttpResponse<String> other = served.post("/api/assets/" + grass + "/rename", "{\"name\":\"meadow\"}", served.bearer());
    assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
    waitFor("another client's rename to appear", () -> names().contains("meadow") && !names().contains("grass"));
    assertThat(js("return window.studioNotReloaded === true;")).isEqualTo(true);
    assertThat(text("connection")).isEqualTo("Live");
    assertNoPageErrors();
  }

  @Test
  void keyboardOnlySearchOpenRenameAndEscape() throws Exception {
    signIn();
    keys("/");
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("search");
    keys("text");
    waitFor("the search for text assets", () -> names().size() == 2);
    assertThat(names()).containsExactlyInAnyOrder("credits", "intro");
    List<String> order = names();
    keys(Keys.ARROW_DOWN);
    assertThat(driver.switchTo().activeElement().getText()).startsWith(order.get(0));
    keys(Keys.ARROW_DOWN);
    assertThat(driver.switchTo().activeElement().getText()).startsWith(order.get(1));
    keys(Keys.ENTER);
    waitFor("the second asset's details", () -> text("detail-title").equals(order.get(1)));

    tabTo("Rename…");
    keys(Keys.ENTER);
    waitFor("the rename dialog", () -> dialogOpen());
    keys(Keys.ESCAPE);
    waitFor("the dialog to close", () -> !dialogOpen());
    assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Rename…");

    keys(Keys.ENTER);
    waitFor("the rename dialog again", () -> dialogOpen());
    // The dialog opens with the current name selected, so typing replaces it.
    keys(order.get(0), Keys.ENTER);
    waitFor("the API's refusal shown in the dialog", () -> displayed("dialog-error"));
    assertThat(text("dialog-error")).contains(order.get(0));
    keys("prologue", Keys.ENTER);
    waitFor("the keyboard rename", () -> !dialogOpen() && names().contains("prologue"));
    assertNoPageErrors();
  }

  @Test
  void aStaleWriteIsExplainedAndTheViewRefreshed() throws Exception {
    signIn();
    clickRow("grass");
    waitFor("grass's details", () -> text("detail-title").equals("grass"));
    button("Move…").click();
    waitFor("the move dialog", () -> dialogOpen());
    // Another client moves it while the dialog is open: the page's version is stale.
    HttpResponse<String> other = served.post("/api/assets/" + grass + "/move", "{\"folder\":\"assets/tiles/lawn\"}",
        served.bearer());
    assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
    WebElement folder = driver.findElement(By.id("dialog-field-folder"));
    folder.sendKeys(Keys.chord(Keys.CONTROL, "a"), "assets/tiles/field", Keys.ENTER);

    waitFor("the conflict message", () -> text("messages").contains("The workspace changed"));
    waitFor("the refreshed folder", () -> text("details").contains("assets/tiles/lawn"));
    assertThat(dialogOpen()).isFalse();
    assertThat(Files.exists(served.root.resolve("assets/tiles/field"))).isFalse();
  }

  @Test
  void adoptAndRemoveWithConfirmation() throws Exception {
    signIn();
    clickRow("stray");
    waitFor("stray's details", () -> text("details").contains("none yet"));
    button("Adopt…").click();
    waitFor("the adopt dialog", () -> dialogOpen());
    keys(Keys.ENTER);
    waitFor("stray registered", () -> text("detail-id").matches("[0-9a-f]{16}"));
    waitFor("the list to show it registered",
        () -> row("stray").findElement(By.cssSelector(".badge")).getText().equals("registered"));

    button("Remove…").click();
    waitFor("the remove dialog", () -> dialogOpen());
    assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Cancel");
    driver.findElement(By.id("dialog-field-keepFiles")).click();
    driver.findElement(By.id("dialog-ok")).click();
    waitFor("stray unregistered again", () -> !dialogOpen() && text("details").contains("none yet"));
    assertThat(Files.exists(served.root.resolve("assets/stray/stray.txt"))).isTrue();
    assertNoPageErrors();
  }

  @Test
  void everyDiagnosticWithItsFileLeadsToItsAsset() throws Exception {
    signIn();
    driver.findElement(By.id("tab-diagnostics")).click();
    waitFor("the workspace's diagnostics", () -> text("diagnostics-list").contains("assets/stray/asset.json"));
    assertThat(text("diagnostics-list")).contains("unregistered").contains("packer adopt assets/stray");
    assertThat(text("diagnostics-count")).isEqualTo("1 W");
    driver.findElement(By.cssSelector("#diagnostics-list button.location")).click();
    waitFor("the stray asset shown", () -> displayed("view-assets") && text("details").contains("assets/stray"));
    assertThat(text("details")).contains("assets/stray/asset.json").contains("none yet");
    assertNoPageErrors();
  }

  @Test
  void aFolderMovedOutsidePackerIsRelocatedKeepingItsId() throws Exception {
    Path root = served.root;
    served.close();
    Files.move(root.resolve("assets/text/intro"), root.resolve("assets/text/opening"));
    served = ServedWorkspace.serve(root);
    signIn(6);
    String id = served.get("/api/assets?state=missing").body().replaceAll("(?s).*\"id\":\"([0-9a-f]{16})\".*", "$1");
    waitFor("a missing row to click", () -> {
      rowWhere(r -> r.findElement(By.cssSelector(".badge")).getText().equals("missing"), "missing").click();
      return true;
    });
    waitFor("the missing asset's details", () -> text("detail-id").equals(id));
    button("Relocate…").click();
    waitFor("the relocate dialog", () -> dialogOpen());
    // The one unregistered folder of the same name is offered.
    assertThat(driver.findElement(By.id("dialog-field-folder")).getAttribute("value")).isEqualTo("assets/text/opening");
    keys(Keys.ENTER);
    waitFor("the asset registered at its new folder",
        () -> !dialogOpen() && names().size() == 5 && text("details").contains("assets/text/opening"));
    assertThat(text("detail-id")).isEqualTo(id);
    assertNoPageErrors();
  }

  @Test
  void aLongListComesInPages() throws Exception {
    Path root = served.root;
    served.close();
    for (int i = 0; i < 100; i++) {
      String name = String.format(java.util.Locale.ROOT, "bulk%03d", i);
      ServedWorkspace.asset(root, "assets/bulk/" + name, name, "text", List.of(), Map.of(name + ".txt", "x"));
    }
    served = ServedWorkspace.serve(root);
    signIn(100);
    assertThat(text("list-status")).isEqualTo("100 of 105 assets");

    driver.findElement(By.id("load-more")).click();
    waitFor("the second page", () -> names().size() == 105);
    assertThat(displayed("load-more")).isFalse();
    assertThat(names()).doesNotHaveDuplicates().contains("bulk000", "bulk099", "stray");
    keys(Keys.END);
    assertThat(driver.switchTo().activeElement().getText()).startsWith(names().get(104));
  }

  @Test
  void followsTheSystemsDarkScheme() throws Exception {
    signIn();
    String light = (String) js("return getComputedStyle(document.body).backgroundColor;");
    scheme("dark");
    clickRow("hero");
    waitFor("hero's preview", () -> previewWidth() > 0);
    String dark = (String) js("return getComputedStyle(document.body).backgroundColor;");

    assertThat(brightness(light)).isGreaterThan(200);
    assertThat(brightness(dark)).isLessThan(60);
  }

  @Test
  void withoutSigningInThePageSaysSoAndShowsTheRefusal() throws Exception {
    driver.get(served.url("/"));
    waitFor("the list", () -> names().size() == 5);
    waitFor("the sign-in notice", () -> displayed("signin"));
    clickRow("intro");
    waitFor("intro's details", () -> text("detail-title").equals("intro"));
    button("Rename…").click();
    keys("epilogue", Keys.ENTER);
    waitFor("the 401 message in the dialog", () -> displayed("dialog-error"));
    assertThat(text("dialog-error")).contains("token is required").contains("studio link");
    keys(Keys.ESCAPE);
    assertThat(names()).contains("intro").doesNotContain("epilogue");
  }

  @Test
  void aDroppedStreamIsShownAndTheListIsRefreshedWhenItComesBack() throws Exception {
    signIn();
    Path root = served.root;
    int port = served.server.port();
    served.close();
    waitFor("the stream shown as down", () -> !text("connection").equals("Live"));
    assertThat(driver.findElement(By.id("connection")).getAttribute("data-state")).isIn("connecting", "offline");
    // The same workspace served again on the same port: the page reconnects by itself.
    served = ServedWorkspace.serve(root, port);
    served.post("/api/assets/" + grass + "/rename", "{\"name\":\"meadow\"}", served.bearer());
    waitFor("the stream back and the list refreshed", () -> text("connection").equals("Live") && names().contains("meadow"));
  }

  @Test
  void aBuildRunsAndShowsItsSha256() throws Exception {
    signIn();
    driver.findElement(By.id("build-button")).click();
    waitFor("the build to finish with its sha256",
        () -> displayed("build-sha256") && text("build-sha256").matches("[0-9a-f]{64}"));
    assertThat(text("build-state")).isEqualTo("succeeded");
    String pack = driver.findElement(By.cssSelector("#build-body code")).getText();
    byte[] bytes = Files.readAllBytes(served.root.resolve(pack));
    assertThat(text("build-sha256")).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));

    // An input gone from disk behind the server's back: the build fails and says why.
    Files.delete(served.root.resolve("assets/text/credits/credits.txt"));
    driver.findElement(By.id("build-button")).click();
    waitFor("the second build to fail", () -> text("build-title").equals("Build 2") && text("build-state").equals("failed"));
    assertThat(text("build-body")).contains("credits");
    assertThat(Files.readAllBytes(served.root.resolve(pack))).as("the previous pack stays").isEqualTo(bytes);
    assertNoPageErrors();
  }

  @Test
  void anEditOnDiskAppearsWithoutReload() throws Exception {
    // packer serve starts the watcher beside the server; this test does the same.
    try (WorkspaceWatcher watcher = WorkspaceWatcher.start(served.workspace)) {
      signIn();
      js("window.studioNotReloaded = true;");
      Path json = served.root.resolve("assets/text/intro/asset.json");
      Files.writeString(json, Files.readString(json).replace("\"intro\"", "\"opening\""), StandardCharsets.UTF_8);
      waitFor("the edit on disk to appear", () -> names().contains("opening") && !names().contains("intro"));
      assertThat(js("return window.studioNotReloaded === true;")).isEqualTo(true);
    }
  }

  // ---- helpers ----

  private void signIn() {
    signIn(5);
  }

  private void signIn(int rows) {
    driver.get(served.server.studioUrl());
    waitFor("the studio with its list", () -> driver.getCurrentUrl().equals(served.url("/")) && names().size() == rows);
    waitFor("the live event stream", () -> text("connection").equals("Live"));
  }

  private static void scheme(String value) {
    driver.executeCdpCommand("Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", value))));
  }

  /** The mean of an {@code rgb(r, g, b)} colour's channels. */
  private static int brightness(String rgb) {
    String[] parts = rgb.replaceAll("[^0-9,]", "").split(",");
    return (Integer.parseInt(parts[0]) + Integer.parseInt(parts[1]) + Integer.parseInt(parts[2])) / 3;
  }

  private static void png(Path file, int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, 0xff000000 | (x * 40 << 16) | (y * 60 << 8) | 0x80);
      }
    }
    ImageIO.write(image, "png", file.toFile());
  }

  /** The names in the list, read in one step: the page may redraw the list at any time. */
  @SuppressWarnings("unchecked")
  private static List<String> names() {
    return (List<String>) js(
        "return Array.from(document.querySelectorAll('#asset-rows td.name'), td => td.innerText.trim());");
  }

  /** The row showing {@code name}; not found (which waits retry) while the list lacks it. */
  private static WebElement row(String name) {
    return rowWhere(r -> r.findElement(By.cssSelector("td.name")).getText().equals(name), "named " + name);
  }

  private static WebElement rowWhere(java.util.function.Predicate<WebElement> test, String what) {
    return driver.findElements(By.cssSelector("#asset-rows tr")).stream().filter(test).findFirst()
        .orElseThrow(() -> new org.openqa.selenium.NoSuchElementException("no row " + what + " in " + names()));
  }

  /** Clicks the row showing {@code name}, again if the list was redrawn under the click. */
  private static void clickRow(String name) {
    waitFor("a row named " + name + " to click", () -> {
      row(name).click();
      return true;
    });
  }

  private static WebElement button(String label) {
    return driver.findElements(By.cssSelector("#details button")).stream()
        .filter(b -> b.getText().equals(label))
        .findFirst().orElseThrow(() -> new AssertionError("no button " + label + " in the details"));
  }

  private static String text(String id) {
    List<WebElement> found = driver.findElements(By.id(id));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  private static boolean displayed(String id) {
    List<WebElement> found = driver.findElements(By.id(id));
    return !found.isEmpty() && found.get(0).isDisplayed();
  }

  private static boolean dialogOpen() {
    return Boolean.TRUE.equals(js("return document.getElementById('dialog').open;"));
  }

  private static long previewWidth() {
    Object width = js("const i = document.querySelector('img.preview'); return i && i.complete ? i.naturalWidth : 0;");
    return ((Number) width).longValue();
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static void keys(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  private static void tabTo(String label) {
    for (int i = 0; i < 40; i++) {
      if (driver.switchTo().activeElement().getText().equals(label)) {
        return;
      }
      keys(Keys.TAB);
    }
    throw new AssertionError("Tab never reached " + label);
  }

  private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(driver, PATIENCE).withMessage(what).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> condition.getAsBoolean());
  }

  /** Script errors and CSP refusals show up in the console; failed requests are the page's own messages. */
  private static void assertNoPageErrors() {
    List<String> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> !m.contains("Failed to load resource"))
        .collect(Collectors.toList());
    assertThat(severe).as("errors in the browser console").isEmpty();
  }
}
