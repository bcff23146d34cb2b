package packer.server.http;

import io.javalin.http.Context;
import packer.snapshot.Snapshot;

/** The one rule of every read: take the snapshot once, answer from it, and name its version. */
public final class Snapshots {

  private Snapshots() {}

  /** The entity tag of a snapshot version, as {@code If-Match} will compare it. */
  public static String etag(long version) {
    return "\"" + version + "\"";
  }

  /** Marks the response as read from {@code snapshot}. */
  public static Snapshot tag(Context ctx, Snapshot snapshot) {
    ctx.header("ETag", etag(snapshot.version()));
    return snapshot;
  }
}
