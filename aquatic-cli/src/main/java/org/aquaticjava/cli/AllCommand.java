package org.aquaticjava.cli;

import picocli.CommandLine.Command;

/** {@code aquatic all}: UDP, HTTP and WebTorrent in one process, one config, one swarm store. */
@Command(
    name = "all",
    description =
        "Run the UDP, HTTP and WebTorrent trackers in one process: one config, one access list,"
            + " one metrics endpoint, one swarm store for UDP and HTTP.")
final class AllCommand extends TrackerCommand<AllConfig> {

  AllCommand() {
    this(AllCommand::start, new ProcessStopSignals());
  }

  AllCommand(TrackerStarter<AllConfig> starter, StopSignals stopSignals) {
    super(AllConfig.class, AllConfig.DEFAULTS, AllConfig::logLevel, starter, stopSignals);
  }

  private static RunningTracker start(AllConfig config) throws Exception {
    AllTracker tracker = AllTracker.start(config);
    return RunningTracker.of(tracker::awaitTermination, tracker::close);
  }
}
