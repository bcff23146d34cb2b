package packer.workspace;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * A {@link SecureRandom} made when the first id is drawn: most commands only read a workspace, and
 * seeding one costs every run a look-up of the security providers.
 */
final class SecureRandomOnFirstUse implements RandomGenerator {

  private SecureRandom random;

  @Override
  public synchronized long nextLong() {
    if (random == null) {
      random = new SecureRandom();
    }
    return random.nextLong();
  }
}
