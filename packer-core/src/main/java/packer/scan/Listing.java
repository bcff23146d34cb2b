package packer.scan;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One folder's entries, names and kinds, as listed under the folder's {@link FolderKey}: while the
 * folder keeps that key, no entry was created, removed or renamed in it, so the walk takes the
 * names from here instead of reading the folder again (the files in it still get their own stat
 * where their content matters). Hidden entries are left out, as the walk never looks at them.
 *
 * <p>The listings of one walk form a tree, each folder holding the listings of the subfolders the
 * walk entered; they are kept in the {@link ScanCache} file, children before their parent, and a
 * cached listing's children are decoded only when the walk reaches them.
 */
final class Listing {

  static final byte DIRECTORY = 0;
  static final byte FILE = 1;
  static final byte LINK = 2;
  static final byte OTHER = 3;

  private static final int NO_CHILD = -1;

  final FolderKey key;
  final String[] names;
  final byte[] kinds;
  /** The listings of the subfolders, by entry; filled in by the walk, or decoded on demand. */
  private final Listing[] children;
  private final ByteBuffer source;
  private final int[] childAt;

  /** A listing made by this walk, whose subfolders' listings it will {@link #adopt}. */
  Listing(FolderKey key, String[] names, byte[] kinds) {
    this(key, names, kinds, null, null);
  }

  private Listing(FolderKey key, String[] names, byte[] kinds, ByteBuffer source, int[] childAt) {
    this.key = key;
    this.names = names;
    this.kinds = kinds;
    this.children = new Listing[names.length];
    this.source = source;
    this.childAt = childAt;
  }

  static byte kindOf(BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return DIRECTORY;
    }
    if (attributes.isSymbolicLink()) {
      return LINK;
    }
    return attributes.isRegularFile() ? FILE : OTHER;
  }

  /** The same entries under the same key, ready to adopt this walk's listings of its subfolders. */
  Listing renewed() {
    return new Listing(key, names, kinds);
  }

  /**
   * The listing of entry {@code i}'s folder as last walked, or null when there is none (or the
   * cache file does not hold it whole: the folder is then simply read).
   */
  Listing child(int i) {
    Listing child = children[i];
    if (child == null && childAt != null && childAt[i] != NO_CHILD) {
      try {
        child = read(source, childAt[i]);
      } catch (RuntimeException damaged) {
        child = null;
      }
      children[i] = child;
    }
    return child;
  }

  /**
   * For a folder read again, whose entries are now {@code current}: the listings of its
   * subfolders as last walked, found by name (each still holds only while its own key does).
   */
  IntFunction<Listing> childrenByName(String[] current) {
    Map<String, Integer> byName = new HashMap<>(names.length * 4 / 3 + 1);
    for (int i = 0; i < names.length; i++) {
      if (kinds[i] == DIRECTORY) {
        byName.put(names[i], i);
      }
    }
    return i -> {
      Integer was = byName.get(current[i]);
      return was == null ? null : child(was);
    };
  }

  /** Keeps the listing the walk made of entry {@code i}'s folder (each entry is walked once). */
  void adopt(int i, Listing child) {
    children[i] = child;
  }

  /** Writes this listing and the ones below it, children first; returns where this one starts. */
  int writeTo(DataOutputStream out) throws IOException {
    int[] at = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      Listing child = kinds[i] == DIRECTORY ? children[i] : null;
      at[i] = child == null ? NO_CHILD : child.writeTo(out);
    }
    int start = out.size();
    out.writeLong(key.modifiedNanos());
    out.writeLong(key.changedNanos());
    out.writeLong(key.device());
    out.writeLong(key.inode());
    out.writeInt(names.length);
    for (int i = 0; i < names.length; i++) {
      out.writeByte(kinds[i]);
      ScanCache.writeString(out, names[i]);
      out.writeInt(at[i]);
    }
    return start;
  }

  /**
   * The listing written at {@code offset} of {@code source} (offsets count from its position 0);
   * its children are read when asked for. A child lies before its parent, so no damage can make
   * the walk go round in circles; anything out of bounds throws.
   */
  static Listing read(ByteBuffer source, int offset) {
    ByteBuffer in = source.duplicate().position(offset);
    FolderKey key = new FolderKey(in.getLong(), in.getLong(), in.getLong(), in.getLong());
    int count = in.getInt();
    if (count < 0 || count > in.remaining() / 9) {
      throw new IllegalStateException("listing runs past the end");
    }
    String[] names = new String[count];
    byte[] kinds = new byte[count];
    int[] childAt = new int[count];
    byte[] array = in.array();
    for (int i = 0; i < count; i++) {
      kinds[i] = in.get();
      int length = in.getInt();
      if (length < 0 || length > in.remaining()) {
        throw new IllegalStateException("listing runs past the end");
      }
      names[i] = new String(array, in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
      in.position(in.position() + length);
      childAt[i] = in.getInt();
      if (childAt[i] != NO_CHILD && (childAt[i] < 0 || childAt[i] >= offset)) {
        throw new IllegalStateException("listing's child is not before it");
      }
    }
    return new Listing(key, names, kinds, source, childAt);
  }
}
