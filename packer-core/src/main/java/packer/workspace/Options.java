package packer.workspace;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;
import packer.declaration.AssetTypes;
import packer.fs.Disk;
import packer.fs.OsDisk;

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

  public static Options defaults() {
    return new Options(new OsDisk(), new SecureRandom(), AssetTypes.builtIn());
  }

  public Options withDisk(Disk newDisk) {
    return new Options(newDisk, random, types);
  }

  public Options withRandom(RandomGenerator newRandom) {
    return new Options(disk, newRandom, types);
  }
}
