package packer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import packer.id.AssetId;
import packer.registry.RegistryRecord;

/**
 * A real workspace in a temporary folder, made by {@code packer init}, with helpers to run packer
 * in it and to change its files by hand as an author (or git) would.
 */
final class TestWorkspace {

  private final Path parent;
  private final Path root;

  private TestWorkspace(Path parent, Path root) {
    this.parent = parent;
    this.root = root;
  }

  /** Runs {@code packer init game} in {@code parent}. */
  static TestWorkspace init(Path parent) {
    CliResult init = Cli.in(parent).run("init", "game");
    CliResultAssert.assertThat(init).succeeds();
    return new TestWorkspace(parent, parent.resolve("game"));
  }

  Path root() {
    return root;
  }

  /** The folder holding the workspace: a place outside it, e.g. for input files. */
  Path outside() {
    return parent;
  }

  Path path(String relative) {
    return root.resolve(relative);
  }

  /** Packer started at the workspace root, ids drawn from a fixed seed. */
  Cli cli() {
    return Cli.in(root);
  }

  CliResult run(String... args) {
    return cli().run(args);
  }

  /** A file outside the workspace holding {@code content}, to pass as {@code new --input}. */
  Path inputFile(String name, String content) {
    Path file = parent.resolve("inputs").resolve(name);
    writeBytes(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /** {@code packer new FOLDER --type blob --input FILE}: returns the printed id. */
  String newAsset(String folder, String... moreArgs) {
    Path input = inputFile(folder.replace('/', '_') + ".bin", "bytes of " + folder + "\n");
    List<String> args = new ArrayList<>(List.of("new", folder, "--type", "blob", "--input", input.toString()));
    args.addAll(List.of(moreArgs));
    CliResult created = run(args.toArray(String[]::new));
    CliResultAssert.assertThat(created).succeeds();
    String id = created.out().strip();
    assertThat(AssetId.isWellFormed(id)).as("id printed by %s", created).isTrue();
    return id;
  }

  /** {@code packer adopt FOLDER}: returns the new id. */
  String adopt(String folder) {
    CliResult adopted = run("adopt", folder);
    CliResultAssert.assertThat(adopted).succeeds();
    return adopted.out().strip().split("\\s+")[0];
  }

  /** An asset folder to make by hand, as an author would. */
  HandMadeAsset asset(String folder) {
    return new HandMadeAsset(this, folder);
  }

  /** The objects of {@code packer ls --json}. */
  JsonNode ls() {
    CliResult listed = run("ls", "--json");
    CliResultAssert.assertThat(listed).succeeds();
    return listed.json();
  }

  /** The one object of {@code packer ls --json} whose {@code field} is {@code value}. */
  JsonNode listed(String field, String value) {
    List<JsonNode> found = new ArrayList<>();
    ls().forEach(node -> {
      if (value.equals(node.path(field).asText(null))) {
        found.add(node);
      }
    });
    assertThat(found).as("assets with %s=%s in packer ls --json", field, value).hasSize(1);
    return found.get(0);
  }

  boolean exists(String relative) {
    return Files.exists(root.resolve(relative));
  }

  String read(String relative) {
    try {
      return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(String relative, String content) {
    writeBytes(root.resolve(relative), content.getBytes(StandardCharsets.UTF_8));
  }

  /** The registry record file of {@code id}. */
  String recordPath(String id) {
    return RegistryRecord.pathOf(AssetId.parse(id));
  }

  /** Writes a record by hand at its proper path, binding {@code id} to {@code folder}. */
  void bindByHand(String id, String folder) {
    writeRecordAt(recordPath(id), id, folder);
  }

  /** Writes a well-formed record binding {@code id} to {@code folder} at any path. */
  void writeRecordAt(String path, String id, String folder) {
    write(path, "{\"folder\":\"" + folder + "\",\"id\":\"" + id + "\"}\n");
  }

  /** Moves a folder by hand, as a file manager or {@code git mv} would. */
  void moveByHand(String from, String to) {
    try {
      Files.createDirectories(root.resolve(to).getParent());
      Files.move(root.resolve(from), root.resolve(to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a folder by hand (not recursive into sub-folders: asset folders here are flat). */
  void copyByHand(String from, String to) {
    try {
      Files.createDirectories(root.resolve(to));
      try (var files = Files.list(root.resolve(from))) {
        for (Path file : files.toList()) {
          Files.copy(file, root.resolve(to).resolve(file.getFileName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void deleteByHand(String relative) {
    try (var walk = Files.walk(root.resolve(relative))) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeBytes(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
