package packer.lane;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import packer.id.AssetId;

/**
 * A change to the workspace, as a value. The CLI, the HTTP API, editors and tests all submit these
 * to the same {@link Lane}; nothing else writes the registry or an {@code asset.json}.
 */
public sealed interface Command {

  <R> R accept(Visitor<R> visitor) throws CommandRejected, java.io.IOException;

  /** One method per command: adding a command is a compile error wherever commands are handled. */
  interface Visitor<R> {
    R create(Create command) throws CommandRejected, java.io.IOException;

    R adopt(Adopt command) throws CommandRejected, java.io.IOException;

    R rename(Rename command) throws CommandRejected, java.io.IOException;

    R move(Move command) throws CommandRejected, java.io.IOException;

    R update(Update command) throws CommandRejected, java.io.IOException;

    R remove(Remove command) throws CommandRejected, java.io.IOException;

    R relocate(Relocate command) throws CommandRejected, java.io.IOException;
  }

  /**
   * Creates an asset folder with an {@code asset.json}, copies the given files into it and
   * registers it.
   *
   * @param name empty for the folder's last segment
   * @param inputs files copied into the folder under their own names, declared as inputs
   */
  record Create(String folder, Optional<String> name, String type, List<Path> inputs, List<String> tags)
      implements Command {
    public Create {
      Objects.requireNonNull(folder, "folder");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      inputs = List.copyOf(inputs);
      tags = List.copyOf(tags);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) throws CommandRejected, java.io.IOException {
      return visitor.create(this);
    }
  }

  /** Gives an id to an asset folder made by hand. */
  record Adopt(String folder) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) throws CommandRejected, java.io.IOException {
      return visitor.adopt(this);
    }
  }

  /** Changes the name in {@code asset.json}; the id and folder stay. */
  record Rename(AssetId id, String newName) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) throws CommandRejected, java.io.IOException {
      return visitor.rename(this);
    }
  }

  /** Moves the asset's folder and rebinds its id to the new place. */
  record Move(AssetId id, String newFolder) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) throws CommandRejected, java.io.IOException {
      return visitor.move(this);
    }
  }

  /** Replaces the asset's {@code asset.json} with {@code content}, which must be valid. */
  record Update(AssetId id, byte[] content) implements Command {
    public Update {
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Update u && u.id.equals(id) && java.util.Arrays.equals(u.content, content);
    }

    @Override
    public int hashCode() {
      return id.hashCode() * 31 + java.util.Arrays.hashCode(content);
    }

    @Override
    public String toString() {
      return "Update[id=" + id + ", " + content.length + " bytes]";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) throws CommandRejected, java.io.IOException {
      return visitor.update(this);
    }
  }

  /** Removes the asset and retires its id for good; the folder goes too unless kept. */
  record Remove(AssetId id, boolean keepFiles) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) throws CommandRejected, java.io.IOException {
      return visitor.remove(this);
    }
  }

  /** Binds a missing asset's id to the unregistered folder it was moved to outside packer. */
  record Relocate(AssetId id, String newFolder) implements Command {
    @Override
    public <R> R accept(Visitor<R> visitor) throws CommandRejected, java.io.IOException {
      return visitor.relocate(this);
    }
  }
}
