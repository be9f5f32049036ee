package org.aquaticjava.core.swarm;

import org.HdrHistogram.AbstractHistogram;

/**
 * Distribution of peers per torrent over the torrents of one address family, the same percentile
 * set on stdout, HTML and Prometheus (aquatic omits p95 on Prometheus; we do not). Values below 256
 * are exact, larger ones within 1% (an HdrHistogram with two significant digits).
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

  /** The distribution recorded in {@code h} (all zeros when it is empty). */
  static PeersPerTorrent of(AbstractHistogram h) {
    return new PeersPerTorrent(
        (int) h.getMinValue(),
        at(h, 10),
        at(h, 20),
        at(h, 30),
        at(h, 40),
        at(h, 50),
        at(h, 60),
        at(h, 70),
        at(h, 80),
        at(h, 90),
        at(h, 95),
        at(h, 99),
        at(h, 99.9),
        (int) h.getMaxValue());
  }

  private static int at(AbstractHistogram h, double percentile) {
    return (int) h.getValueAtPercentile(percentile);
  }
}
