package org.aquaticjava.cli.e2e;

/**
 * One running real BitTorrent client with one torrent, started by {@link ClientFamily#start}:
 * seeding it from the data directory, or downloading it into that directory. The client can meet
 * other peers only through the torrent's tracker (DHT, PEX, local peer discovery, UPnP and NAT-PMP
 * are off; the torrent is private), and it listens only on its own loopback address.
 *
 * <p>{@link #close()} stops the client process by its PID, within a bounded time, whether or not
 * the test passed. Implementations are safe to close from another thread than the one polling.
 */
interface TorrentClient extends AutoCloseable {

  /** The client's family (which program it is). */
  ClientFamily family();

  /** Whether the client process still runs (a crashed client must not pass as "no transfer"). */
  boolean running();

  /**
   * Whether the client has every piece of the torrent, as the client itself reports it (the test
   * then checks the file's sha256). Never blocks for more than a few seconds.
   */
  boolean complete() throws Exception;

  /** The ends of the client's logs and console, for a failure message. */
  String diagnostics();

  /** Stops the client by its PID (gracefully first, then SIGKILL); bounded in time. */
  @Override
  void close();
}
