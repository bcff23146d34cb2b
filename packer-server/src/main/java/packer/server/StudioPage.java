package packer.server;

import packer.workspace.Workspace;

/** The page at {@code /} until the studio exists: what is served, and where the API is. */
final class StudioPage {

  private StudioPage() {}

  static String html(Workspace workspace) {
    String name = escape(workspace.snapshot().state().config().name());
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Packer: " + name + "</title>"
        + "</head><body><h1>Packer: " + name + "</h1>"
        + "<p>The server of this workspace is running. The studio page is not part of this version yet;"
        + " the JSON API is: <a href=\"/api/workspace\">/api/workspace</a>,"
        + " <a href=\"/api/assets\">/api/assets</a>, <a href=\"/api/diagnostics\">/api/diagnostics</a>"
        + " (see docs/api.md).</p></body></html>\n";
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
