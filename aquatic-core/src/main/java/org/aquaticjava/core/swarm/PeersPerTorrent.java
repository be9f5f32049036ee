package org.aquaticjava.core.swarm;

/**
 * Distribution of peers per torrent over the torrents of one address family, the same percentile
 * set on stdout, HTML and Prometheus (aquatic omits p95 on Prometheus; we do not). Values above 127
 * are bucketed and may read up to 1.6% low; min and max are exact.
 */
public record PeersPerTorrent(
    int min,
    int p10,
    int p20,
    int p30,
    int p40,
    int p50,
    int p60,
    int p70,
    int p80,
    int p90,
    int p95,
    int p99,
    int p999,
    int max) {

  static PeersPerTorrent of(PeerCountHistogram h) {
    return new PeersPerTorrent(
        h.min(),
        h.quantile(0.1),
        h.quantile(0.2),
        h.quantile(0.3),
        h.quantile(0.4),
        h.quantile(0.5),
        h.quantile(0.6),
        h.quantile(0.7),
        h.quantile(0.8),
        h.quantile(0.9),
        h.quantile(0.95),
        h.quantile(0.99),
        h.quantile(0.999),
        h.max());
  }
}
