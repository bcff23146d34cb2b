package packer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import packer.relocation.Pairing;

/** How status and doctor show missing assets paired with the folders they were moved to. */
final class Moves {

  private Moves() {}

  static ArrayNode json(Pairing.Result pairs) {
    ArrayNode array = JsonOutput.NODES.arrayNode();
    for (Pairing.Match match : pairs.matches()) {
      array.addObject().put("id", match.id().hex()).put("from", match.formerFolder()).put("to", match.folder())
          .put("unique", true);
    }
    for (Pairing.Candidates open : pairs.unresolved()) {
      ObjectNode node = array.addObject().put("id", open.id().hex()).put("from", open.formerFolder());
      ArrayNode candidates = node.putArray("candidates");
      open.folders().forEach(candidates::add);
      node.put("unique", false);
    }
    return array;
  }

  static void print(Terminal terminal, Pairing.Result pairs) {
    PrintWriter out = terminal.out();
    if (!pairs.matches().isEmpty()) {
      out.println();
      out.println(terminal.bold("Moved outside packer (packer doctor --fix relocates them, keeping their ids):"));
      for (Pairing.Match match : pairs.matches()) {
        out.println("  " + match.id() + "  " + match.formerFolder() + " -> " + match.folder());
      }
    }
    for (Pairing.Candidates open : pairs.unresolved()) {
      if (open.folders().isEmpty()) {
        continue;
      }
      out.println();
      out.println(terminal.bold("Ambiguous move of " + open.id() + " (" + open.formerFolder()
          + "); choose with packer relocate " + open.id() + " FOLDER:"));
      open.folders().forEach(folder -> out.println("  " + folder));
    }
  }
}
