package packer.server.discovery;

import java.util.Optional;

/**
 * What {@code .packer/server.json} tells another process about the running server: where it
 * listens and the bearer token to hand it commands. A hint only: the workspace lock says whether a
 * server really runs.
 *
 * @param format the file's format version, so a newer packer can tell an older file
 * @param url the API's base URL, without a trailing slash
 */
public record Discovery(int format, long pid, String url, int port, String token) {

  public static final int FORMAT = 1;

  /** Whether the process that wrote this file is still alive on this machine. */
  public boolean processAlive() {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    return process.map(ProcessHandle::isAlive).orElse(false);
  }

  @Override
  public String toString() {
    return "Discovery[pid=" + pid + ", url=" + url + "]";
  }
}
