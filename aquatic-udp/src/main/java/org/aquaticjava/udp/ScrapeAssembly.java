package org.aquaticjava.udp;

import java.net.InetSocketAddress;

/**
 * A scrape split over several swarm workers, waiting for its parts: each returning {@link SwarmJob}
 * copies its counts in, and the last one sends the response.
 *
 * <p>Single-threaded: touched only on the event loop of the socket worker that split the scrape.
 */
final class ScrapeAssembly {
  final ScrapeResults results;
  int transactionId;
  InetSocketAddress recipient;
  ReplyTarget replies;

  /** Parts submitted and not yet back. */
  int outstanding;

  /** No response will be sent: a part could not be submitted, or failed at its swarm worker. */
  boolean abandoned;

  ScrapeAssembly(int maxScrapeTorrents) {
    results = new ScrapeResults(maxScrapeTorrents);
  }
}
