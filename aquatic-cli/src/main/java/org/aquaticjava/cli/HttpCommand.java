package org.aquaticjava.cli;

import org.aquaticjava.http.HttpConfig;
import org.aquaticjava.http.HttpTracker;
import picocli.CommandLine.Command;

/** {@code aquatic http}: the HTTP tracker (BEP 3, 7, 23, 48). */
@Command(name = "http", description = "Run the HTTP BitTorrent tracker (BEP 3, 7, 23, 48).")
final class HttpCommand extends TrackerCommand<HttpConfig> {

  HttpCommand() {
    this(HttpCommand::start, new ProcessStopSignals());
  }

  HttpCommand(TrackerStarter<HttpConfig> starter, StopSignals stopSignals) {
    super(HttpConfig.class, HttpConfig.DEFAULTS, HttpConfig::logLevel, starter, stopSignals);
  }

  private static RunningTracker start(HttpConfig config) throws Exception {
    HttpTracker tracker = HttpTracker.start(config);
    return RunningTracker.of(tracker::awaitTermination, tracker::close);
  }
}
