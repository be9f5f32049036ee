package org.aquaticjava.cli;

import java.util.List;
import java.util.Locale;
import org.aquaticjava.core.config.LogLevel;

/**
 * Configures slf4j-simple through its system properties: one line per event, {@code
 * 2026-01-31T12:00:00.000Z [thread] LEVEL Logger - message}, to stderr, with an ISO-8601
 * timestamp in the JVM's time zone with its offset ({@code Z} under UTC); {@code
 * -Dorg.slf4j.simpleLogger.dateTimeFormat=...} or {@code -Duser.timezone=UTC} changes it.
 *
 * <p>slf4j-simple reads its format once, when the first logger is created, and anything may
 * create one early (Netty's classes do when a config default touches them), so {@link
 * #configureFormat} runs first thing in {@code main}. The level comes from the config file, read
 * later: {@link #configure} sets it for the loggers of this program's packages by name, which
 * slf4j-simple looks up for each logger it creates. Format properties given with {@code -D} win.
 */
final class SimpleLoggerSetup {
  private static final String PREFIX = "org.slf4j.simpleLogger.";
  /** The packages whose loggers the config's level applies to: ours and Netty's. */
  private static final List<String> LOGGER_ROOTS = List.of("org.aquaticjava", "io.netty");

  private SimpleLoggerSetup() {}

  /** Sets the line format; must run before anything creates a logger. */
  static void configureFormat() {
    setIfAbsent("logFile", "System.err");
    setIfAbsent("showDateTime", "true");
    setIfAbsent("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    setIfAbsent("showThreadName", "true");
    setIfAbsent("showLogName", "false");
    setIfAbsent("showShortLogName", "true");
  }

  /** Sets the format (if not yet done) and the config's level for loggers created from now on. */
  static void configure(LogLevel level) {
    configureFormat();
    final String name = level.name().toLowerCase(Locale.ROOT);
    System.setProperty(PREFIX + "defaultLogLevel", name);
    for (String root : LOGGER_ROOTS) {
      System.setProperty(PREFIX + "log." + root, name);
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(PREFIX + key) == null) {
      System.setProperty(PREFIX + key, value);
    }
  }
}
