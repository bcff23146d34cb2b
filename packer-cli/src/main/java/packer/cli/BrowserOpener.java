package packer.cli;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Opens a link in the user's browser, trying what this machine offers in turn. */
final class BrowserOpener {

  private BrowserOpener() {}

  /** True when something took the link; false when nothing on this machine could open it. */
  static boolean open(String url) {
    if (desktop(url)) {
      return true;
    }
    for (List<String> command : commands(url)) {
      if (run(command)) {
        return true;
      }
    }
    return false;
  }

  private static boolean desktop(String url) {
    try {
      if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()
          || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        return false;
      }
      Desktop.getDesktop().browse(URI.create(url));
      return true;
    } catch (IOException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  static List<List<String>> commands(String url) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      return List.of(List.of("rundll32", "url.dll,FileProtocolHandler", url));
    }
    if (os.contains("mac")) {
      return List.of(List.of("open", url));
    }
    return List.of(List.of("xdg-open", url));
  }

  /** Runs an opener; it counts when it starts and does not fail within a few seconds. */
  private static boolean run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (process.waitFor(5, TimeUnit.SECONDS)) {
        return process.exitValue() == 0;
      }
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
