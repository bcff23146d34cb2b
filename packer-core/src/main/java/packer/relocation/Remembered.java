package packer.relocation;

/**
 * What local state remembers of a registered asset, so it can be recognized after it was moved
 * outside packer: its name, its type, and a digest of its asset.json and input contents.
 */
public record Remembered(String name, String type, String digest) {}
