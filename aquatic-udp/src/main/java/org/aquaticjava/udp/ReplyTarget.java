package org.aquaticjava.udp;

import java.net.InetSocketAddress;
import org.aquaticjava.core.swarm.AnnounceRequest;

/**
 * Where answers that a swarm worker computed go back to: the socket the request came from.
 *
 * <p>Called only on that socket's event-loop thread. The arguments are valid only during the call.
 */
interface ReplyTarget {
  /** Writes (without flushing) the response to an announce whose results are in {@code results}. */
  void replyAnnounce(int transactionId, InetSocketAddress recipient, AnnounceRequest results);

  /** Writes (without flushing) the response to a scrape whose counts are in {@code results}. */
  void replyScrape(int transactionId, InetSocketAddress recipient, ScrapeResults results);

  /** Sends everything written since the last flush (one sendmmsg on epoll). */
  void flushReplies();
}
