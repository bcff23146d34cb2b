package packer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import packer.pack.Pack;
import packer.pack.PackEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "List the entries added, removed and changed from pack A to pack B, by id.",
    "Entries are matched by asset id: a renamed asset is one changed entry.",
    "Changed means its content (SHA-256 of the raw bytes), name, type or "
        + "compression differs, or, all those equal, its stored size (another zstd level).",
    "Only the indexes are read; 'packer verify' checks the data behind them.",
    "The summary counts the bytes of data a patch carries: B's stored bytes of the "
        + "entries added or changed in more than name or type.",
    "Exits 0 whether or not the packs differ (see the summary or --json), 1 when "
        + "a file is not a pack or is damaged, 6 when a file cannot be read."})
final class DiffCommand extends BaseCommand {

  /** What can differ between two entries with one id, in the order messages list them. */
  enum Change {
    NAME, TYPE, CONTENT, COMPRESSION, STORED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One entry that differs: only {@code after} when added, only {@code before} when removed. */
  private record Row(PackEntry before, PackEntry after, List<Change> changes) {
    boolean added() {
      return before == null;
    }

    boolean removed() {
      return after == null;
    }

    boolean changed() {
      return before != null && after != null;
    }

    /** The stored bytes of B a patch must carry: none for a removal or a rename alone. */
    long bytesToCarry() {
      boolean data = added() || changes.contains(Change.CONTENT) || changes.contains(Change.COMPRESSION)
          || changes.contains(Change.STORED);
      return data ? after.storedSize() : 0;
    }
  }

  // Paths, not strings, so shell completion offers file names.
  @Parameters(index = "0", paramLabel = "A", description = "The older pack.")
  Path packA;

  @Parameters(index = "1", paramLabel = "B", description = "The newer pack.")
  Path packB;

  @Override
  public Integer call() throws Exception {
    try (Pack a = PackFiles.open(root, packA.toString()); Pack b = PackFiles.open(root, packB.toString())) {
      List<Row> rows = new ArrayList<>();
      int unchanged = 0;
      List<PackEntry> before = a.entries();
      List<PackEntry> after = b.entries();
      int i = 0;
      int j = 0;
      while (i < before.size() || j < after.size()) {
        int order = i == before.size() ? 1
            : j == after.size() ? -1
            : Long.compareUnsigned(before.get(i).id(), after.get(j).id());
        if (order < 0) {
          rows.add(new Row(before.get(i++), null, List.of()));
        } else if (order > 0) {
          rows.add(new Row(null, after.get(j++), List.of()));
        } else {
          List<Change> changes = changes(before.get(i), after.get(j));
          if (changes.isEmpty()) {
            unchanged++;
          } else {
            rows.add(new Row(before.get(i), after.get(j), changes));
          }
          i++;
          j++;
        }
      }
      if (json) {
        printJson(rows, unchanged);
      } else {
        printTable(rows);
        terminal().err().println(summary(rows, unchanged));
        terminal().err().flush();
      }
      return ExitCode.OK;
    }
  }

  static List<Change> changes(PackEntry before, PackEntry after) {
    List<Change> changes = new ArrayList<>();
    if (!before.name().equals(after.name())) {
      changes.add(Change.NAME);
    }
    if (!before.type().equals(after.type())) {
      changes.add(Change.TYPE);
    }
    boolean content = !before.contentHash().equals(after.contentHash()) || before.rawSize() != after.rawSize();
    if (content) {
      changes.add(Change.CONTENT);
    }
    boolean compression = !before.compression().equals(after.compression());
    if (compression) {
      changes.add(Change.COMPRESSION);
    }
    if (!content && !compression && before.storedSize() != after.storedSize()) {
      changes.add(Change.STORED);
    }
    return changes;
  }

  private void printTable(List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Table table = new Table("CHANGE", "ID", "NAME", "TYPE", "RAW", "DETAILS");
    for (Row row : rows) {
      if (row.added()) {
        PackEntry added = row.after();
        table.row("added", added.idHex(), added.name(), added.type(), Long.toString(added.rawSize()), "");
      } else if (row.removed()) {
        PackEntry removed = row.before();
        table.row("removed", removed.idHex(), removed.name(), removed.type(), Long.toString(removed.rawSize()), "");
      } else {
        PackEntry was = row.before();
        PackEntry now = row.after();
        String raw = was.rawSize() == now.rawSize()
            ? Long.toString(now.rawSize())
            : was.rawSize() + " -> " + now.rawSize();
        table.row("changed", now.idHex(), now.name(), now.type(), raw, details(row));
      }
    }
    // The table pads every column but the last; an empty DETAILS would leave trailing blanks.
    StringWriter text = new StringWriter();
    table.print(new PrintWriter(text));
    text.toString().lines().forEach(line -> terminal().out().println(line.stripTrailing()));
    terminal().out().flush();
  }

  private static String details(Row row) {
    PackEntry was = row.before();
    PackEntry now = row.after();
    List<String> parts = new ArrayList<>();
    for (Change change : row.changes()) {
      switch (change) {
        case NAME -> parts.add("name (was " + was.name() + ")");
        case TYPE -> parts.add("type (was " + was.type() + ")");
        case CONTENT -> parts.add("content");
        case COMPRESSION -> parts.add("compression " + was.compression() + " -> " + now.compression());
        case STORED -> parts.add("stored size " + was.storedSize() + " -> " + now.storedSize());
        default -> throw new AssertionError(change);
      }
    }
    return String.join(", ", parts);
  }

  private static String summary(List<Row> rows, int unchanged) {
    if (rows.isEmpty()) {
      return String.format(Locale.ROOT, "no differences: %d entr%s in both", unchanged, unchanged == 1 ? "y" : "ies");
    }
    return String.format(Locale.ROOT, "%d added, %d removed, %d changed, %d unchanged; %,d bytes of data to carry",
        rows.stream().filter(Row::added).count(), rows.stream().filter(Row::removed).count(),
        rows.stream().filter(Row::changed).count(), unchanged, bytesToCarry(rows));
  }

  private static long bytesToCarry(List<Row> rows) {
    return rows.stream().mapToLong(Row::bytesToCarry).sum();
  }

  private void printJson(List<Row> rows, int unchanged) {
    ObjectNode node = JsonOutput.NODES.objectNode().put("a", packA.toString()).put("b", packB.toString());
    ArrayNode added = node.putArray("added");
    ArrayNode removed = node.putArray("removed");
    ArrayNode changed = node.putArray("changed");
    for (Row row : rows) {
      if (row.added()) {
        added.add(entry(row.after()));
      } else if (row.removed()) {
        removed.add(entry(row.before()));
      } else {
        ObjectNode item = changed.addObject()
            .put("id", row.after().idHex())
            .put("name", row.after().name());
        ArrayNode changes = item.putArray("changes");
        row.changes().forEach(change -> changes.add(change.label()));
        item.set("before", entry(row.before()));
        item.set("after", entry(row.after()));
      }
    }
    node.put("unchanged", unchanged);
    node.put("bytesToCarry", bytesToCarry(rows));
    JsonOutput.print(terminal(), node);
  }

  private static ObjectNode entry(PackEntry entry) {
    return JsonOutput.NODES.objectNode()
        .put("id", entry.idHex())
        .put("name", entry.name())
        .put("type", entry.type())
        .put("rawSize", entry.rawSize())
        .put("storedSize", entry.storedSize())
        .put("compression", entry.compression().toString())
        .put("sha256", entry.contentHash().hex());
  }
}
