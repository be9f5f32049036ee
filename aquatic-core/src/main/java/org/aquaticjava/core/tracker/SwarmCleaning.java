package org.aquaticjava.core.tracker;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.util.List;
import java.util.function.Supplier;
import org.aquaticjava.core.access.AccessList;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.swarm.BusyTorrent;
import org.aquaticjava.core.swarm.CleaningReport;
import org.aquaticjava.core.swarm.PeersPerTorrent;
import org.aquaticjava.core.swarm.SwarmStatistics;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.core.time.ServerClock;
import org.aquaticjava.core.worker.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cleaning worker: every interval it removes expired peers, empty torrents and torrents the
 * access list no longer allows, then publishes what the swarms hold as the gauges {@code
 * aquatic_torrents}, {@code aquatic_peers}, {@code aquatic_seeders} and {@code aquatic_peers_per_torrent} (aquatic's
 * names; the percentile set includes p95).
 *
 * <p>Runs on its own thread until interrupted (the supervisor's stop contract). Gauges read the
 * latest report at scrape time, so metrics memory does not depend on being scraped.
 */
public final class SwarmCleaning implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(SwarmCleaning.class);
  private static final CleaningReport EMPTY =
      new CleaningReport(empty(), empty(), 0, 0);

  private static final String BITTORRENT = TrackerMetrics.BITTORRENT_SWARMS;

  private final SwarmStore store;
  private final ServerClock clock;
  private final Supplier<AccessList> accessList;
  private final long intervalMillis;
  private volatile CleaningReport latest = EMPTY;

  public SwarmCleaning(
      SwarmStore store, ServerClock clock, Supplier<AccessList> accessList, int intervalSeconds) {
    this.store = store;
    this.clock = clock;
    this.accessList = accessList;
    this.intervalMillis = intervalSeconds * 1000L;
  }

  /**
   * Registers the swarm gauges of the (IP, port) store, {@code swarms="bittorrent"}, which read the
   * report of the latest cleaning.
   */
  public void registerGauges(TrackerMetrics metrics) {
    metrics.registerSwarmCounts(
        TrackerMetrics.BITTORRENT_SWARMS,
        new TrackerMetrics.SwarmCounts() {
          @Override
          public long torrents(boolean ipv6) {
            return (ipv6 ? latest.ipv6() : latest.ipv4()).torrents();
          }

          @Override
          public long peers(boolean ipv6) {
            return (ipv6 ? latest.ipv6() : latest.ipv4()).peers();
          }

          @Override
          public long seeders(boolean ipv6) {
            return (ipv6 ? latest.ipv6() : latest.ipv4()).seeders();
          }

          @Override
          public List<BusyTorrent> busiest(boolean ipv6) {
            return (ipv6 ? latest.ipv6() : latest.ipv4()).busiest();
          }
        });
    metrics.gaugeSource(
        "aquatic_peers_per_torrent",
        "Distribution of peers per torrent, as of the latest cleaning",
        List.of(TrackerMetrics.SWARMS, "type", "ip_version"),
        cb -> {
          percentiles(latest.ipv4().peersPerTorrent(), "4", cb);
          percentiles(latest.ipv6().peersPerTorrent(), "6", cb);
        });
  }

  private static void percentiles(
      PeersPerTorrent p, String ipVersion, GaugeWithCallback.Callback cb) {
    cb.call(p.min(), BITTORRENT, "min", ipVersion);
    cb.call(p.p10(), BITTORRENT, "p10", ipVersion);
    cb.call(p.p20(), BITTORRENT, "p20", ipVersion);
    cb.call(p.p30(), BITTORRENT, "p30", ipVersion);
    cb.call(p.p40(), BITTORRENT, "p40", ipVersion);
    cb.call(p.p50(), BITTORRENT, "p50", ipVersion);
    cb.call(p.p60(), BITTORRENT, "p60", ipVersion);
    cb.call(p.p70(), BITTORRENT, "p70", ipVersion);
    cb.call(p.p80(), BITTORRENT, "p80", ipVersion);
    cb.call(p.p90(), BITTORRENT, "p90", ipVersion);
    cb.call(p.p95(), BITTORRENT, "p95", ipVersion);
    cb.call(p.p99(), BITTORRENT, "p99", ipVersion);
    cb.call(p.p999(), BITTORRENT, "p999", ipVersion);
    cb.call(p.max(), BITTORRENT, "max", ipVersion);
  }

  /** The report of the latest cleaning (empty before the first). */
  public CleaningReport latest() {
    return latest;
  }

  /** Runs one cleaning pass now and publishes its report. */
  public CleaningReport cleanOnce() {
    final CleaningReport report = store.clean(clock.secondsSinceStart(), accessList.get());
    latest = report;
    log.debug(
        "cleaning: removed {} peers and {} torrents; IPv4 {} torrents / {} peers, IPv6 {} / {}",
        report.peersRemoved(),
        report.torrentsRemoved(),
        report.ipv4().torrents(),
        report.ipv4().peers(),
        report.ipv6().torrents(),
        report.ipv6().peers());
    return report;
  }

  @Override
  public void run() {
    Periodic.every(intervalMillis, this::cleanOnce);
  }

  private static SwarmStatistics empty() {
    return new SwarmStatistics(
        0, 0, 0, new PeersPerTorrent(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), List.of());
  }
}
