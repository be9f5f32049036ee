package org.aquaticjava.cli;

import org.aquaticjava.udp.UdpConfig;
import org.aquaticjava.udp.UdpTracker;
import picocli.CommandLine.Command;

/** {@code aquatic udp}: the BEP 15 UDP tracker. */
@Command(name = "udp", description = "Run the UDP BitTorrent tracker (BEP 15).")
final class UdpCommand extends TrackerCommand<UdpConfig> {

  UdpCommand() {
    this(UdpCommand::start, new ProcessStopSignals());
  }

  UdpCommand(TrackerStarter<UdpConfig> starter, StopSignals stopSignals) {
    super(UdpConfig.class, UdpConfig.DEFAULTS, UdpConfig::logLevel, starter, stopSignals);
  }

  private static RunningTracker start(UdpConfig config) throws Exception {
    UdpTracker tracker = UdpTracker.start(config);
    return RunningTracker.of(tracker::awaitTermination, tracker::close);
  }
}
