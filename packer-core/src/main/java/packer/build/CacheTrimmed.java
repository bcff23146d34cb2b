package packer.build;

/**
 * What {@link Build#trimCache} removed and kept.
 *
 * @param files cache values (and stale temp files) deleted
 * @param bytes their total size
 * @param kept cache values kept: those the current snapshot's build would use
 * @param fingerprints fingerprints dropped: files that are no longer inputs
 */
public record CacheTrimmed(int files, long bytes, int kept, int fingerprints) {}
