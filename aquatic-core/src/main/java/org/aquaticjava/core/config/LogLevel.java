package org.aquaticjava.core.config;

/** Log verbosity, written in config files in lower case. */
public enum LogLevel {
  OFF,
  ERROR,
  WARN,
  INFO,
  DEBUG,
  TRACE
}
