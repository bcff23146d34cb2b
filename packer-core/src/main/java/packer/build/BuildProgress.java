package packer.build;

/** Hears how far a build is; called from the build's worker threads. */
public interface BuildProgress {

  BuildProgress NONE = new BuildProgress() {
    @Override
    public void planned(int assets) {}

    @Override
    public void assetDone() {}
  };

  /** The build will go through {@code assets} assets. */
  void planned(int assets);

  /** One more asset is hashed and processed, taken from the cache or from the previous pack. */
  void assetDone();
}
