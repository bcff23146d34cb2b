package packer.lane;

import java.util.Optional;
import packer.id.AssetId;

/**
 * The acknowledgement of a durable commit.
 *
 * @param version the first snapshot version that shows the commit
 * @param id the asset the command concerned
 */
public record Receipt(long version, AssetId id, Optional<String> folder) {}
