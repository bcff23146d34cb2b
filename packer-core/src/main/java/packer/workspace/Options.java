package packer.workspace;

import java.util.Objects;
import java.util.random.RandomGenerator;
import packer.declaration.AssetTypes;
import packer.fs.Disk;
import packer.fs.OsDisk;
import packer.processor.Processors;

/**
 * What a workspace is opened with; tests replace the disk (to crash or fail it) and the random
 * source (to make ids predictable).
 */
public record Options(Disk disk, RandomGenerator random, AssetTypes types) {

  public Options {
    Objects.requireNonNull(disk, "disk");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(types, "types");
  }

  /**
   * The real disk, secure random ids (from a {@link java.security.SecureRandom} made for the first),
   * and the built-in asset types plus any processor plugins found on the class path through {@link
   * java.util.ServiceLoader}.
   */
  public static Options defaults() {
    return new Options(new OsDisk(), new SecureRandomOnFirstUse(),
        AssetTypes.of(Processors.discover(Options.class.getClassLoader())));
  }

  public Options withDisk(Disk newDisk) {
    return new Options(newDisk, random, types);
  }

  public Options withRandom(RandomGenerator newRandom) {
    return new Options(disk, newRandom, types);
  }
}
