package org.aquaticjava.netty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.aquaticjava.core.swarm.BusyTorrent;
import org.jspecify.annotations.Nullable;

/**
 * The numbers of one stats page, read from counters the tracker keeps anyway (never from a walk
 * over the torrents): {@link StatsPage} renders it as HTML and JSON.
 *
 * @param swarms by set of swarms ({@code bittorrent}, {@code webtorrent}), in registration order
 * @param protection abuse and overload figures by protocol
 * @param config the summary shown under "config", key to value, in display order
 * @param top the busiest torrents asked for with {@code ?top=N}, most peers first; null if not
 *     asked for
 */
record StatsSnapshot(
    String version,
    Instant startedAt,
    long uptimeSeconds,
    List<ServedProtocol> protocols,
    Map<String, SwarmSet> swarms,
    RequestRates.Rates rates,
    ProtectionCounts protection,
    Map<String, String> config,
    @Nullable List<Busy> top) {

  /** One of the busiest torrents: of a set of swarms and an address family ({@code ipv4}, {@code ipv6}). */
  record Busy(String swarms, String family, BusyTorrent torrent) {}

  /**
   * One set of swarms.
   *
   * @param protocols the running protocols that announce into it
   * @param counted {@code at_cleaning} (as of the latest cleaning) or {@code live}
   */
  record SwarmSet(List<String> protocols, String counted, Family ipv4, Family ipv6) {}

  /** One address family's swarms of a set. */
  record Family(long torrents, long peers, long seeders) {
    /** Peers that are not seeders (never negative, should the counts be read mid-change). */
    long leechers() {
      return Math.max(0, peers - seeders);
    }

    Family plus(Family other) {
      return new Family(torrents + other.torrents, peers + other.peers, seeders + other.seeders);
    }
  }

  /** Every set and family added up. */
  Family total() {
    Family sum = new Family(0, 0, 0);
    for (SwarmSet set : swarms.values()) {
      sum = sum.plus(set.ipv4()).plus(set.ipv6());
    }
    return sum;
  }
}
