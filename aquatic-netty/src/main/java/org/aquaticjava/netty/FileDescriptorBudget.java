package org.aquaticjava.netty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Trackers that start together ({@code aquatic all}) first {@link #declare} what they will
 * claim, so that a limit too low for all of them is split in proportion to their settings rather
 * than first come, first served (which left the last listener one connection).
 * Thread-safe.
 */
public final class FileDescriptorBudget {
  private static final Logger log = LoggerFactory.getLogger(FileDescriptorBudget.class);
  /** Descriptors kept free for everything but connections, at least. */
  public static final int RESERVE_MIN = 64;
  /** The setting under which every TCP tracker claims its connections. */
  public static final String MAX_CONNECTIONS_KEY = "limits.max_connections";
  private static final Path LIMITS = Path.of("/proc/self/limits");

  private static long claimed;

  /** Declared, not yet claimed: each is a setting of a tracker that is about to start. */
  private static final List<Declaration> declared = new ArrayList<>();

  private FileDescriptorBudget() {}

  /** Connections granted to one tracker; {@link #close} gives them back. */
  public interface Claim extends AutoCloseable {
    /** The connections granted: the configured number, or less if the limit is lower. */
    int granted();

    @Override
    void close();
  }

  /**
   * Announces that the setting {@code key} will {@link #claim} {@code configured} connections, so
   * that claims made before it leave it its share. The declaration ends at that claim or at
   * {@link Declaration#close}, whichever comes first.
   */
  public static synchronized Declaration declare(String key, int configured) {
    final Declaration declaration = new Declaration(key, configured);
    declared.add(declaration);
    return declaration;
  }

  /** A tracker's connections, declared before it claims them. */
  public static final class Declaration implements AutoCloseable {
    private final String key;
    private final int configured;

    private Declaration(String key, int configured) {
      this.key = key;
      this.configured = configured;
    }

    /** Withdraws the declaration (its tracker did not start); no-op after its claim. */
    @Override
    public void close() {
      synchronized (FileDescriptorBudget.class) {
        declared.remove(this);
      }
    }
  }

  /**
   * Claims {@code configured} connections for the setting {@code key} (e.g. {@code
   * "limits.max_connections"}), lowered to what the descriptor limit leaves after the reserve and
   * the claims of other trackers in this process (at least 1). Where declared claims still to come
   * would not fit beside it, it gets its proportional share of what is left, and so do they.
   */
  public static Claim claim(String key, int configured) {
    return claim(key, configured, softLimit(LIMITS));
  }

  static synchronized Claim claim(String key, int configured, OptionalLong limit) {
    declared.stream()
        .filter(declaration -> declaration.key.equals(key))
        .findFirst()
        .ifPresent(declared::remove);
    int granted = configured;
    if (limit.isPresent()) {
      final long available = Math.max(1, usable(limit.getAsLong()) - claimed);
      final long toCome = declared.stream().mapToLong(declaration -> declaration.configured).sum();
      if (configured + toCome > available) {
        granted = (int) Math.max(1, available * configured / (configured + toCome));
      }
      if (granted < configured) {
        log.warn(
            "{} = {} is more than the file descriptor limit allows: {} descriptors, {} kept for"
                + " the rest of the process{}{}; using {}. Raise the limit (LimitNOFILE= in the"
                + " systemd unit, ulimit -n in the shell) to allow more connections.",
            key,
            configured,
            limit.getAsLong(),
            reserve(limit.getAsLong()),
            claimed > 0 ? ", " + claimed + " claimed by other listeners" : "",
            toCome > 0 ? ", a share left for " + toCome + " declared by listeners still to start" : "",
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
