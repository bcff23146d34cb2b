package packer.declaration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import packer.path.PathOrder;
import packer.processor.ParamProblem;
import packer.processor.Processors;

/** The asset types a workspace may declare, and what each accepts as params. */
public interface AssetTypes {

  boolean isKnown(String type);

  /** The known type names, sorted, for messages that list the choices. */
  SortedSet<String> names();

  /** What is wrong with {@code params} for {@code type}, a known type; nothing by default. */
  default List<ParamProblem> checkParams(String type, JsonNode params) {
    return List.of();
  }

  /**
   * Changes whenever what {@code asset.json} files are checked against may have changed (the
   * types, their processors and versions), so a cached parse is not reused across it.
   */
  default String fingerprint() {
    return getClass().getName() + names();
  }

  /** The types of packer's built-in processors. */
  static AssetTypes builtIn() {
    return of(Processors.builtIn());
  }

  /** The types {@code processors} handle, with their params checked by those processors. */
  static AssetTypes of(Processors processors) {
    SortedSet<String> sorted = new TreeSet<>(PathOrder.COMPARATOR);
    sorted.addAll(processors.types());
    return new AssetTypes() {
      @Override
      public boolean isKnown(String type) {
        return processors.find(type).isPresent();
      }

      @Override
      public SortedSet<String> names() {
        return sorted;
      }

      @Override
      public List<ParamProblem> checkParams(String type, JsonNode params) {
        return processors.find(type).map(processor -> processor.checkParams(params)).orElse(List.of());
      }

      @Override
      public String fingerprint() {
        StringBuilder text = new StringBuilder();
        for (String type : sorted) {
          processors.find(type).ifPresent(p -> text.append(type).append(' ').append(p.getClass().getName())
              .append(' ').append(p.version()).append(';'));
        }
        return text.toString();
      }
    };
  }

  /** Just these names, with any params accepted: for tests. */
  static AssetTypes of(List<String> names) {
    SortedSet<String> sorted = new TreeSet<>(PathOrder.COMPARATOR);
    sorted.addAll(names);
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
