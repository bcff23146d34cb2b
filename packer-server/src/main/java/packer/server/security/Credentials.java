package packer.server.security;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The secrets of one server run: the bearer token tools read from the discovery file, the session
 * token kept in the browser's cookie, and the one-time login token printed in the studio URL,
 * which is good for one exchange only.
 */
public final class Credentials {

  private final Secret bearer = Secret.generate();
  private final Secret session = Secret.generate();
  private final Secret login = Secret.generate();
  private final AtomicBoolean loginUsed = new AtomicBoolean();
  // A cookie is shared by every port of a host: a name of its own keeps two servers apart.
  private final String cookieName = "packer_session_" + Secret.generate().text().substring(0, 8).toLowerCase(java.util.Locale.ROOT)
      .replace('-', 'x').replace('_', 'y');

  /** The name of the session cookie of this run. */
  public String cookieName() {
    return cookieName;
  }

  public Secret bearer() {
    return bearer;
  }

  public Secret session() {
    return session;
  }

  public Secret login() {
    return login;
  }

  /** Consumes the login token if {@code candidate} is it and it was not used yet. */
  public boolean redeemLogin(String candidate) {
    return login.matches(candidate) && loginUsed.compareAndSet(false, true);
  }
}
