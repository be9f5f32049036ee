package org.aquaticjava.loadtest;

import java.util.ArrayList;
import java.util.List;
import org.aquaticjava.core.config.Doc;
import org.aquaticjava.core.config.Range;

/**
 * The {@code [workload]} section shared by all load testers: which torrents and peers exist and how
 * they behave. Everything derives from {@link #seed()}, so runs are reproducible.
 */
@Doc("Simulated torrents and peers. Everything is derived from the seed, so runs are repeatable.")
public record WorkloadConfig(
    @Doc("Seed for info hashes, peers and per-worker request sequences.") long seed,
    @Doc("Number of distinct info hashes (torrents).") @Range(min = 1, max = 10_000_000)
        int numberOfTorrents,
    @Doc(
            "Zipf exponent of torrent popularity: torrent of rank r gets weight 1/r^exponent."
                + " 0 is uniform; 1 gives a heavy head (the most popular of 10000 torrents gets"
                + " about 10% of the requests). Between 0 and 10.")
        double torrentPopularityExponent,
    @Doc(
            "Number of simulated peers. Each has a fixed torrent (drawn by popularity), port and"
                + " peer id, and is a seeder or a leecher for the whole run.")
        @Range(min = 1, max = 10_000_000)
        int numberOfPeers,
    @Doc("Probability that a peer is a seeder (announces left = 0). Between 0 and 1.")
        double peerSeederProbability,
    @Doc(
            "Probability that an announce of a peer that has already started is a 'stopped'"
                + " event; the peer's next announce starts it again. Between 0 and 1.")
        double stoppedProbability) {

  public static final WorkloadConfig DEFAULTS =
      new WorkloadConfig(0x5EED_AC7A_71C0L, 10_000, 1.0, 100_000, 0.75, 0.02);

  /** Checks the constraints {@link Range} cannot express; returns one message per problem. */
  public List<String> problems() {
    final List<String> problems = new ArrayList<>();
    if (!(torrentPopularityExponent >= 0 && torrentPopularityExponent <= 10)) {
      problems.add("workload.torrent_popularity_exponent must be between 0 and 10");
    }
    if (!(peerSeederProbability >= 0 && peerSeederProbability <= 1)) {
      problems.add("workload.peer_seeder_probability must be between 0 and 1");
    }
    if (!(stoppedProbability >= 0 && stoppedProbability <= 1)) {
      problems.add("workload.stopped_probability must be between 0 and 1");
    }
    return problems;
  }
}
