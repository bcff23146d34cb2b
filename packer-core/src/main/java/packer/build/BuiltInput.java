package packer.build;

/**
 * One input file of a built entry, as the build read it.
 *
 * @param path the path inside the asset folder, as declared
 * @param size its length in bytes
 * @param sha256 lowercase hex SHA-256 of its bytes
 */
public record BuiltInput(String path, long size, String sha256) {}
