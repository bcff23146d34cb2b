package packer.fs;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A real disk that records every step, so a test can ask what a power loss at any point could
 * have left on disk, and build each such state as a real folder tree to run recovery on.
 *
 * <p>The model (POSIX without the kindness of any one file system):
 *
 * <ul>
 *   <li>File contents are durable once written: {@link Disk#write} and {@link Disk#copy} force
 *       them. What may be lost is a folder entry: a file or folder created, moved or deleted is
 *       durable only after a {@link Disk#syncDirectory} of the folder holding the entry.
 *   <li>A move is one change: it is durable once the source's or the target's folder is synced
 *       (a rename is one metadata transaction), and when lost it is undone whole.
 *   <li>Whatever was built on a lost change is lost with it (a file written into a folder whose
 *       creation was lost, a file moved from a name whose creation was lost, ...), however well
 *       it was synced itself.
 *   <li>A write in progress when the power went may leave its file absent, empty or truncated.
 * </ul>
 *
 * <p>For a crash point {@code c} (steps {@code 0..c-1} done, step {@code c} in progress) {@link
 * #statesAt} enumerates a bounded set of such states: nothing lost, each unsynced change lost
 * alone, every one lost, the unsynced changes lost from each one on (the earlier ones kept), and
 * the step in progress torn. {@link #materialize} replays the recorded steps into a copy of the
 * initial tree, skipping the lost ones and whatever depended on them.
 */
public final class PowerLossDisk implements Disk {

  /** One recorded step; paths are absolute, under the recorded root. */
  public sealed interface Op {
    /** The folders whose sync makes this step's entry change durable; empty for no change. */
    List<Path> entryFolders();
  }

  /** A write or copy; {@code created} when the file did not exist before it. */
  public record Write(Path file, byte[] content, boolean created) implements Op {
    public Write {
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }

    @Override
    public List<Path> entryFolders() {
      return created ? List.of(file.getParent()) : List.of();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Write w && w.file.equals(file) && w.created == created
          && Arrays.equals(w.content, content);
    }

    @Override
    public int hashCode() {
      return file.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
      return "write " + file + " (" + content.length + " bytes" + (created ? ", new" : "") + ")";
    }
  }

  public record Move(Path source, Path target) implements Op {
    @Override
    public List<Path> entryFolders() {
      return source.getParent().equals(target.getParent())
          ? List.of(source.getParent()) : List.of(source.getParent(), target.getParent());
    }

    @Override
    public String toString() {
      return "move " + source + " -> " + target;
    }
  }

  /** A delete; {@code existed} when there was something to delete. */
  public record Delete(Path path, boolean existed) implements Op {
    @Override
    public List<Path> entryFolders() {
      return existed ? List.of(path.getParent()) : List.of();
    }

    @Override
    public String toString() {
      return "delete " + path + (existed ? "" : " (absent)");
    }
  }

  public record CreateDirectory(Path dir, boolean created) implements Op {
    @Override
    public List<Path> entryFolders() {
      return created ? List.of(dir.getParent()) : List.of();
    }

    @Override
    public String toString() {
      return "createDirectory " + dir + (created ? "" : " (existed)");
    }
  }

  public record Sync(Path dir) implements Op {
    @Override
    public List<Path> entryFolders() {
      return List.of();
    }

    @Override
    public String toString() {
      return "syncDirectory " + dir;
    }
  }

  /** How the write in progress at the crash point is left. */
  public enum Tear { NONE, EMPTY, HALF }

  /**
   * One state a power loss can leave.
   *
   * @param crashPoint how many recorded steps were issued before the power went
   * @param lost the indexes (from 0) of the unsynced changes that did not survive
   * @param tear what became of step {@code crashPoint}, a write that was in progress
   */
  public record LostState(int crashPoint, SortedSet<Integer> lost, Tear tear) {
    public LostState {
      lost = Collections.unmodifiableSortedSet(new TreeSet<>(lost));
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "power loss after %d steps, lost steps %s%s", crashPoint, lost,
          tear == Tear.NONE ? "" : ", step " + crashPoint + " torn " + tear.name().toLowerCase(Locale.ROOT));
    }
  }

  private final Disk delegate;
  private final Path root;
  private final List<Op> ops = new ArrayList<>();

  /** Records the steps on files under {@code root} as the real disk takes them. */
  public PowerLossDisk(Path root) {
    this(root, new OsDisk());
  }

  /** Records the steps on files under {@code root} as {@code delegate} takes them. */
  public PowerLossDisk(Path root, Disk delegate) {
    this.root = root.toAbsolutePath().normalize();
    this.delegate = delegate;
  }

  /** The steps recorded so far, in order. */
  public synchronized List<Op> operations() {
    return List.copyOf(ops);
  }

  @Override
  public void write(Path file, byte[] content) throws IOException {
    boolean created = !Files.exists(checked(file), LinkOption.NOFOLLOW_LINKS);
    delegate.write(file, content);
    record(new Write(file, content, created));
  }

  @Override
  public void copy(Path source, Path target) throws IOException {
    byte[] content = Files.readAllBytes(source);
    boolean created = !Files.exists(checked(target), LinkOption.NOFOLLOW_LINKS);
    delegate.copy(source, target);
    record(new Write(target, content, created));
  }

  @Override
  public void move(Path source, Path target) throws IOException {
    checked(source);
    delegate.move(source, checked(target));
    record(new Move(source, target));
  }

  @Override
  public void delete(Path path) throws IOException {
    boolean existed = Files.exists(checked(path), LinkOption.NOFOLLOW_LINKS);
    delegate.delete(path);
    record(new Delete(path, existed));
  }

  @Override
  public void createDirectory(Path dir) throws IOException {
    boolean created = !Files.isDirectory(checked(dir), LinkOption.NOFOLLOW_LINKS);
    delegate.createDirectory(dir);
    record(new CreateDirectory(dir, created));
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    delegate.syncDirectory(checked(dir));
    record(new Sync(dir));
  }

  private Path checked(Path path) {
    if (!path.toAbsolutePath().normalize().startsWith(root)) {
      throw new IllegalArgumentException(path + " is outside the recorded root " + root);
    }
    return path;
  }

  private synchronized void record(Op op) {
    ops.add(op);
  }

  /** The indexes of the entry changes among the first {@code crashPoint} steps not yet synced. */
  public synchronized List<Integer> unsyncedAt(int crashPoint) {
    List<Integer> unsynced = new ArrayList<>();
    for (int i = 0; i < crashPoint; i++) {
      List<Path> folders = ops.get(i).entryFolders();
      if (folders.isEmpty()) {
        continue;
      }
      boolean durable = false;
      for (int j = i + 1; j < crashPoint && !durable; j++) {
        durable = ops.get(j) instanceof Sync sync && folders.contains(sync.dir());
      }
      if (!durable) {
        unsynced.add(i);
      }
    }
    return unsynced;
  }

  /** The states a power loss after {@code crashPoint} steps can leave, as described above. */
  public synchronized List<LostState> statesAt(int crashPoint) {
    if (crashPoint < 0 || crashPoint > ops.size()) {
      throw new IllegalArgumentException("crash point " + crashPoint + " is not in 0.." + ops.size());
    }
    List<Integer> unsynced = unsyncedAt(crashPoint);
    Set<SortedSet<Integer>> lostSets = new LinkedHashSet<>();
    lostSets.add(new TreeSet<>());
    for (Integer change : unsynced) {
      lostSets.add(new TreeSet<>(List.of(change)));
    }
    for (int from = 0; from < unsynced.size(); from++) {
      lostSets.add(new TreeSet<>(unsynced.subList(from, unsynced.size())));
    }
    List<LostState> states = new ArrayList<>();
    for (SortedSet<Integer> lost : lostSets) {
      states.add(new LostState(crashPoint, lost, Tear.NONE));
    }
    if (crashPoint < ops.size() && ops.get(crashPoint) instanceof Write) {
      states.add(new LostState(crashPoint, new TreeSet<>(), Tear.EMPTY));
      states.add(new LostState(crashPoint, new TreeSet<>(), Tear.HALF));
    }
    return states;
  }

  /**
   * Builds {@code state} at {@code target} (which must not exist): a copy of {@code initialTree},
   * the tree the recorded root held when recording began, with the surviving steps replayed.
   */
  public void materialize(LostState state, Path initialTree, Path target) throws IOException {
    List<Op> recorded = operations();
    FileTrees.copy(initialTree, target);
    Replay replay = new Replay(target);
    for (int i = 0; i < state.crashPoint(); i++) {
      replay.apply(recorded.get(i), state.lost().contains(i));
    }
    if (state.tear() != Tear.NONE) {
      Write torn = (Write) recorded.get(state.crashPoint());
      byte[] content = torn.content();
      replay.tear(torn, Arrays.copyOf(content, state.tear() == Tear.EMPTY ? 0 : content.length / 2));
    }
  }

  /** Replays steps into another folder; a path is tainted when a lost change made it. */
  private final class Replay {
    private final Path target;
    private final Set<Path> tainted = new HashSet<>();

    Replay(Path target) {
      this.target = target;
    }

    void apply(Op op, boolean lost) throws IOException {
      if (op instanceof Write w) {
        write(w, w.content(), lost);
      } else if (op instanceof Move m) {
        Path source = local(m.source());
        Path destination = local(m.target());
        if (lost || isTainted(source) || isTainted(destination.getParent())
            || !Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
          taint(destination);
          return;
        }
        try {
          Files.move(source, destination, StandardCopyOption.ATOMIC_MOVE);
          untaint(destination);
          moveTaints(source, destination); // What was lost inside a moved folder stays lost.
        } catch (IOException impossible) {
          taint(destination); // It depended on a lost change, such as the deletion of its target.
        }
      } else if (op instanceof Delete d) {
        if (!d.existed() || lost) {
          return; // A lost delete leaves the entry; what was built on its absence fails below.
        }
        try {
          Files.deleteIfExists(local(d.path()));
        } catch (DirectoryNotEmptyException keptByLostDelete) {
          // A lost delete inside it kept an entry: the folder stays too.
        }
      } else if (op instanceof CreateDirectory c) {
        Path dir = local(c.dir());
        if (!c.created()) {
          return;
        }
        if (lost || isTainted(dir.getParent()) || !Files.isDirectory(dir.getParent())) {
          taint(dir);
          return;
        }
        try {
          Files.createDirectory(dir);
        } catch (FileAlreadyExistsException keptByLostDelete) {
          // Left by a lost delete: the same folder.
        }
        untaint(dir);
      }
      // A sync changes nothing in the replay: durability was decided when the lost set was chosen.
    }

    private void write(Write w, byte[] content, boolean lost) throws IOException {
      Path file = local(w.file());
      if (lost || isTainted(file.getParent()) || !Files.isDirectory(file.getParent())
          || !w.created() && isTainted(file)) {
        taint(file);
        return;
      }
      Files.write(file, content);
      untaint(file);
    }

    void tear(Write w, byte[] partial) throws IOException {
      write(w, partial, false);
    }

    private Path local(Path recorded) {
      Path relative = root.relativize(recorded.toAbsolutePath().normalize());
      return target.resolve(relative.toString());
    }

    private boolean isTainted(Path path) {
      for (Path t : tainted) {
        if (path.startsWith(t)) {
          return true;
        }
      }
      return false;
    }

    private void taint(Path path) {
      tainted.add(path);
    }

    private void untaint(Path path) {
      tainted.removeIf(t -> t.startsWith(path));
    }

    private void moveTaints(Path source, Path destination) {
      Set<Path> inside = new HashSet<>();
      tainted.removeIf(t -> t.startsWith(source) && !t.equals(source) && inside.add(t));
      inside.forEach(t -> tainted.add(destination.resolve(source.relativize(t).toString())));
    }
  }
}
