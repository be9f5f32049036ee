package org.aquaticjava.cli;

import java.util.Locale;
import org.aquaticjava.core.config.LogLevel;

/**
 * Configures slf4j-simple through its system properties. slf4j-simple reads them once, when the
 * first logger is created, so this must run before anything calls {@code LoggerFactory}: classes
 * of this package therefore create no loggers in static fields. The level always comes from the
 * config; the format properties only when not already given with {@code -D}.
 */
final class SimpleLoggerSetup {
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private SimpleLoggerSetup() {}

  static void configure(LogLevel level) {
    System.setProperty(PREFIX + "defaultLogLevel", level.name().toLowerCase(Locale.ROOT));
    setIfAbsent("logFile", "System.err");
    setIfAbsent("showDateTime", "true");
    setIfAbsent("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    setIfAbsent("showThreadName", "true");
    setIfAbsent("showLogName", "false");
    setIfAbsent("showShortLogName", "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(PREFIX + key) == null) {
      System.setProperty(PREFIX + key, value);
    }
  }
}
