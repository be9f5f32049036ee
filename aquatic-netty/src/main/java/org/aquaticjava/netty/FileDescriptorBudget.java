package org.aquaticjava.netty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@code max_connections} of all TCP trackers of the process, together, below the
 * process's file descriptor limit (the soft RLIMIT_NOFILE, read from {@code /proc/self/limits}):
 * every connection is a descriptor, and a limit that {@code accept()} hits first (EMFILE) fails
 * every new connection, well-behaved ones included, instead of turning away the surplus cleanly.
 *
 * <p>{@link #RESERVE_MIN} descriptors, or a tenth of the limit if more, stay free for everything
 * else (JVM, jar, listening sockets, event loops, metrics endpoint, access list and TLS files).
 * A tracker {@link #claim claims} its connections at start-up; a claim above what remains is
 * lowered to it with a warning naming the key and how to raise the limit, and is given back when
 * the tracker closes. Where the limit cannot be read (not Linux), claims are granted as asked.
 * Thread-safe.
 */
public final class FileDescriptorBudget {
  private static final Logger log = LoggerFactory.getLogger(FileDescriptorBudget.class);
  /** Descriptors kept free for everything but connections, at least. */
  public static final int RESERVE_MIN = 64;
  private static final Path LIMITS = Path.of("/proc/self/limits");

  private static long claimed;

  private FileDescriptorBudget() {}

  /** Connections granted to one tracker; {@link #close} gives them back. */
  public interface Claim extends AutoCloseable {
    /** The connections granted: the configured number, or less if the limit is lower. */
    int granted();

    @Override
    void close();
  }

  /**
   * Claims {@code configured} connections for the setting {@code key} (e.g. {@code
   * "limits.max_connections"}), lowered to what the descriptor limit leaves after the reserve and
   * the claims of other trackers in this process (at least 1).
   */
  public static Claim claim(String key, int configured) {
    return claim(key, configured, softLimit(LIMITS));
  }

  static synchronized Claim claim(String key, int configured, OptionalLong limit) {
    int granted = configured;
    if (limit.isPresent()) {
      final long available = Math.max(1, usable(limit.getAsLong()) - claimed);
      if (configured > available) {
        granted = (int) available;
        log.warn(
            "{} = {} is more than the file descriptor limit allows: {} descriptors, {} kept for"
                + " the rest of the process{}; using {}. Raise the limit (LimitNOFILE= in the"
                + " systemd unit, ulimit -n in the shell) to allow more connections.",
            key,
            configured,
            limit.getAsLong(),
            reserve(limit.getAsLong()),
            claimed > 0 ? ", " + claimed + " claimed by other listeners" : "",
            granted);
      }
    }
    claimed += granted;
    final int grant = granted;
    return new Claim() {
      private boolean closed;

      @Override
      public int granted() {
        return grant;
      }

      @Override
      public void close() {
        synchronized (FileDescriptorBudget.class) {
          if (!closed) {
            closed = true;
            claimed -= grant;
          }
        }
      }
    };
  }

  /** Descriptors left for connections under a limit. */
  static long usable(long limit) {
    return limit - reserve(limit);
  }

  static long reserve(long limit) {
    return Math.max(RESERVE_MIN, limit / 10);
  }

  /**
   * The soft limit of "Max open files" in a {@code /proc/<pid>/limits} file; empty if the file
   * cannot be read or the limit is unlimited.
   */
  static OptionalLong softLimit(Path limitsFile) {
    try {
      for (String line : Files.readAllLines(limitsFile)) {
        if (line.startsWith("Max open files")) {
          final String[] fields = line.substring("Max open files".length()).trim().split("\\s+");
          return fields[0].equals("unlimited")
              ? OptionalLong.empty()
              : OptionalLong.of(Long.parseLong(fields[0]));
        }
      }
    } catch (IOException | RuntimeException e) {
      log.debug("cannot read the file descriptor limit from {}: {}", limitsFile, e.toString());
    }
    return OptionalLong.empty();
  }
}
