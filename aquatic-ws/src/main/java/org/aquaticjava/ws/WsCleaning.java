package org.aquaticjava.ws;

import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.time.ServerClock;
import org.aquaticjava.core.worker.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebTorrent cleaning worker: every {@code cleaning.torrent_cleaning_interval} it removes
 * expired peers and offers, torrents the access list no longer allows, and empty torrents. Runs
 * on its own supervised thread until interrupted.
 */
final class WsCleaning implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(WsCleaning.class);

  private final WsSwarmStore store;
  private final ServerClock clock;
  private final AccessListHolder accessList;
  private final long intervalMillis;

  WsCleaning(WsSwarmStore store, ServerClock clock, AccessListHolder accessList, int intervalSeconds) {
    this.store = store;
    this.clock = clock;
    this.accessList = accessList;
    this.intervalMillis = intervalSeconds * 1000L;
  }

  /** One pass now. */
  void cleanOnce() {
    store.clean(clock.secondsSinceStart(), accessList.current());
    log.debug(
        "cleaning: IPv4 {} torrents / {} peers, IPv6 {} / {}",
        store.totals().torrents(false).sum(),
        store.totals().peers(false).sum(),
        store.totals().torrents(true).sum(),
        store.totals().peers(true).sum());
  }

  @Override
  public void run() {
    Periodic.every(intervalMillis, this::cleanOnce);
  }
}
