package org.aquaticjava.udp;

import java.net.InetSocketAddress;
import org.aquaticjava.core.swarm.AnnounceRequest;

/**
 * One announce, or the part of one scrape that falls to one swarm worker, travelling from a socket
 * worker to a swarm worker and back with its results.
 *
 * <p>Owned by the {@link QueuedSwarmGateway} of one socket worker, which fills it, submits it and
 * recycles it once the answer is written. Between submission and return only the swarm worker
 * touches it; the queues publish the writes of each side to the other.
 */
final class SwarmJob {
  /** The gateway whose free list this job belongs to and whose queue it returns through. */
  final QueuedSwarmGateway owner;

  /** An announce (request and results) rather than a scrape part. */
  boolean isAnnounce;

  /** The swarm worker failed on this job (logged there); it gets no answer. */
  boolean failed;

  int transactionId;
  InetSocketAddress recipient;
  ReplyTarget replies;

  /** Announce: request fields set by the socket worker, results by the swarm worker. */
  final AnnounceRequest announce;

  /** Scrape part: the scrape it belongs to. */
  ScrapeAssembly assembly;

  /** Scrape part: look in the IPv6 swarms. */
  boolean scrapeIpv6;

  /** Scrape part: number of info hashes in the arrays below. */
  int hashCount;

  final long[] hashA;
  final long[] hashB;
  final int[] hashC;

  /** Scrape part: where each hash's counts go in the scrape's response. */
  final int[] position;

  final int[] seeders;
  final int[] completed;
  final int[] leechers;

  SwarmJob(QueuedSwarmGateway owner, int maxResponsePeers, int maxScrapeTorrents) {
    this.owner = owner;
    this.announce = new AnnounceRequest(maxResponsePeers);
    hashA = new long[maxScrapeTorrents];
    hashB = new long[maxScrapeTorrents];
    hashC = new int[maxScrapeTorrents];
    position = new int[maxScrapeTorrents];
    seeders = new int[maxScrapeTorrents];
    completed = new int[maxScrapeTorrents];
    leechers = new int[maxScrapeTorrents];
  }

  /** Appends one info hash of a scrape to this part. */
  void addHash(long a, long b, int c, int positionInScrape) {
    final int i = hashCount++;
    hashA[i] = a;
    hashB[i] = b;
    hashC[i] = c;
    position[i] = positionInScrape;
  }
}
