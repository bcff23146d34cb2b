package packer.server;

import java.net.InetAddress;

/**
 * Where the server listens.
 *
 * @param bind the address to bind; loopback unless {@code remote} was asked for explicitly
 * @param port 0 for an ephemeral port
 * @param remote whether a non-loopback {@code bind} was allowed on purpose
 */
public record ServerOptions(InetAddress bind, int port, boolean remote) {

  public ServerOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be from 0 to 65535, not " + port);
    }
    if (!bind.isLoopbackAddress() && !remote) {
      throw new IllegalArgumentException("binding " + bind.getHostAddress()
          + " makes the workspace reachable from other machines; add --allow-remote if that is really meant");
    }
  }

  public static ServerOptions loopback(int port) {
    try {
      return new ServerOptions(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port, false);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean isLoopback() {
    return bind.isLoopbackAddress();
  }
}
