package packer.server.security;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names this server answers to: {@code 127.0.0.1}, {@code localhost} and {@code [::1]} with its
 * port (plus the bind address when remote access was asked for). Anything else in {@code Host} is
 * a DNS-rebinding attempt or a misdirected request.
 */
public final class AllowedOrigins {

  private final Set<String> hosts;

  private AllowedOrigins(Set<String> hosts) {
    this.hosts = Set.copyOf(hosts);
  }

  /** For a server on {@code port}; {@code extraHost} (an address literal) or null. */
  public static AllowedOrigins forPort(int port, String extraHost) {
    Set<String> hosts = new TreeSet<>();
    hosts.add("127.0.0.1:" + port);
    hosts.add("localhost:" + port);
    hosts.add("[::1]:" + port);
    if (extraHost != null) {
      hosts.add(hostPort(extraHost, port));
    }
    return new AllowedOrigins(hosts);
  }

  static String hostPort(String host, int port) {
    String name = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return name.toLowerCase(Locale.ROOT) + ":" + port;
  }

  public boolean isAllowedHost(String hostHeader) {
    return hostHeader != null && hosts.contains(hostHeader.trim().toLowerCase(Locale.ROOT));
  }

  /** Whether an {@code Origin} header names this server: http and one of the allowed hosts. */
  public boolean isAllowedOrigin(String origin) {
    String prefix = "http://";
    String value = origin.trim().toLowerCase(Locale.ROOT);
    return value.startsWith(prefix) && hosts.contains(value.substring(prefix.length()));
  }
}
