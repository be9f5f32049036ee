package org.aquaticjava.cli.e2e;

import java.time.Duration;

/**
 * A {@link TorrentClient} that is one {@link ClientProcess}: what every client family shares (its
 * family, whether the process runs, and the stop by PID: SIGTERM, then SIGKILL after 5 s).
 */
abstract class ProcessClient implements TorrentClient {
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final ClientFamily family;
  /** The client program's process. */
  final ClientProcess process;

  ProcessClient(ClientFamily family, ClientProcess process) {
    this.family = family;
    this.process = process;
  }

  @Override
  public final ClientFamily family() {
    return family;
  }

  @Override
  public final boolean running() {
    return process.alive();
  }

  /** Stops the process by its PID; subclasses that can ask the client to quit first do so. */
  @Override
  public void close() {
    process.stop(STOP_GRACE);
  }
}
