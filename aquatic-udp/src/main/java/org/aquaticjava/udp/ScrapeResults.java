package org.aquaticjava.udp;

/**
 * The counts of one scrape, in request order: {@link #count} entries of each array. Reused for
 * every scrape by its owner; not thread-safe.
 */
final class ScrapeResults {
  final int[] seeders;
  final int[] completed;
  final int[] leechers;
  int count;

  ScrapeResults(int maxTorrents) {
    seeders = new int[maxTorrents];
    completed = new int[maxTorrents];
    leechers = new int[maxTorrents];
  }

  void set(int position, int seeders, int completed, int leechers) {
    this.seeders[position] = seeders;
    this.completed[position] = completed;
    this.leechers[position] = leechers;
  }
}
