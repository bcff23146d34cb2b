package packer.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request line exactly as written, bytes the JDK client would refuse or clean up first
 * (backslashes, NUL, raw dot segments), and reads the whole answer.
 */
final class RawHttp {

  record Answer(int status, String text) {}

  private RawHttp() {}

  static Answer get(int port, String target) throws IOException {
    return send(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
  }

  /** Sends {@code request} (request line, headers, and as much body as it holds) as ISO-8859-1 bytes. */
  static Answer send(int port, String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      String[] statusLine = text.split("\r\n", 2)[0].split(" ");
      return new Answer(Integer.parseInt(statusLine[1]), text);
    }
  }
}
