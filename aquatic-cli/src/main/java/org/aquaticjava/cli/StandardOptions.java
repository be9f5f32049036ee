package org.aquaticjava.cli;

import picocli.CommandLine.Option;

/** {@code -v} and {@code -h}, the same on {@code aquatic} and on every tracker command. */
final class StandardOptions {
  @Option(
      names = {"-v", "--version"},
      versionHelp = true,
      description = "Print the version and exit.")
  private boolean versionRequested;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Print this help and exit.")
  private boolean helpRequested;
}
