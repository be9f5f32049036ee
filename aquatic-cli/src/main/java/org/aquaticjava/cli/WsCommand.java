package org.aquaticjava.cli;

import org.aquaticjava.ws.WsConfig;
import org.aquaticjava.ws.WsTracker;
import picocli.CommandLine.Command;

/** {@code aquatic ws}: the WebTorrent tracker (WebRTC signalling over WebSocket). */
@Command(name = "ws", description = "Run the WebTorrent tracker (WebSocket signalling for WebRTC peers).")
final class WsCommand extends TrackerCommand<WsConfig> {

  WsCommand() {
    this(WsCommand::start, new ProcessStopSignals());
  }

  WsCommand(TrackerStarter<WsConfig> starter, StopSignals stopSignals) {
    super(WsConfig.class, WsConfig.DEFAULTS, WsConfig::logLevel, starter, stopSignals);
  }

  private static RunningTracker start(WsConfig config) throws Exception {
    WsTracker tracker = WsTracker.start(config);
    return RunningTracker.of(tracker::awaitTermination, tracker::close);
  }
}
