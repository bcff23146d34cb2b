package packer.scan;

/**
 * One input file of an asset, expanded from its declaration.
 *
 * @param path its path inside the asset folder
 * @param modifiedMillis its modification time, to tell whether it may have changed since
 */
public record ResolvedInput(String path, long size, long modifiedMillis) {}
