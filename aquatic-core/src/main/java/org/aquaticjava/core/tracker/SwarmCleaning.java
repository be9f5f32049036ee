package org.aquaticjava.core.tracker;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Supplier;
import org.aquaticjava.core.access.AccessList;
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
 * aquatic_torrents}, {@code aquatic_peers} and {@code aquatic_peers_per_torrent} (aquatic's
 * names; the percentile set includes p95).
 *
 * <p>Runs on its own thread until interrupted (the supervisor's stop contract). Gauges read the
 * latest report at scrape time, so metrics memory does not depend on being scraped.
 */
public final class SwarmCleaning implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(SwarmCleaning.class);
  private static final CleaningReport EMPTY =
      new CleaningReport(empty(), empty(), 0, 0);

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

  /** Registers the swarm gauges, which read the report of the latest cleaning. */
  public void registerGauges(PrometheusRegistry registry) {
    GaugeWithCallback.builder()
        .name("aquatic_torrents")
        .help("Torrents with at least one peer, as of the latest cleaning")
        .labelNames("ip_version")
        .callback(
            cb -> {
              cb.call(latest.ipv4().torrents(), "4");
              cb.call(latest.ipv6().torrents(), "6");
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("aquatic_peers")
        .help("Peers, as of the latest cleaning")
        .labelNames("ip_version")
        .callback(
            cb -> {
              cb.call(latest.ipv4().peers(), "4");
              cb.call(latest.ipv6().peers(), "6");
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("aquatic_peers_per_torrent")
        .help("Distribution of peers per torrent, as of the latest cleaning")
        .labelNames("type", "ip_version")
        .callback(
            cb -> {
              percentiles(latest.ipv4().peersPerTorrent(), "4", cb);
              percentiles(latest.ipv6().peersPerTorrent(), "6", cb);
            })
        .register(registry);
  }

  private static void percentiles(
      PeersPerTorrent p, String ipVersion, GaugeWithCallback.Callback cb) {
    cb.call(p.min(), "min", ipVersion);
    cb.call(p.p10(), "p10", ipVersion);
    cb.call(p.p20(), "p20", ipVersion);
    cb.call(p.p30(), "p30", ipVersion);
    cb.call(p.p40(), "p40", ipVersion);
    cb.call(p.p50(), "p50", ipVersion);
    cb.call(p.p60(), "p60", ipVersion);
    cb.call(p.p70(), "p70", ipVersion);
    cb.call(p.p80(), "p80", ipVersion);
    cb.call(p.p90(), "p90", ipVersion);
    cb.call(p.p95(), "p95", ipVersion);
    cb.call(p.p99(), "p99", ipVersion);
    cb.call(p.p999(), "p999", ipVersion);
    cb.call(p.max(), "max", ipVersion);
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
    return new SwarmStatistics(0, 0, 0, new PeersPerTorrent(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  }
}
