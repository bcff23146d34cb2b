package packer.declaration;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** The asset types a workspace may declare. */
public interface AssetTypes {

  boolean isKnown(String type);

  /** The known type names, sorted, for messages that list the choices. */
  SortedSet<String> names();

  /** The types built into packer. */
  static AssetTypes builtIn() {
    return of(List.of("blob", "image", "json", "text"));
  }

  static AssetTypes of(List<String> names) {
    SortedSet<String> sorted = new TreeSet<>(names);
    return new AssetTypes() {
      @Override
      public boolean isKnown(String type) {
        return sorted.contains(type);
      }

      @Override
      public SortedSet<String> names() {
        return sorted;
      }
    };
  }
}
