package packer.scan;

/** One input file of an asset, expanded from its declaration: its path inside the folder, its size. */
public record ResolvedInput(String path, long size) {}
