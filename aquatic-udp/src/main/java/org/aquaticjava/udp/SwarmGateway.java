package org.aquaticjava.udp;

import java.net.InetSocketAddress;
import org.aquaticjava.core.swarm.AnnounceRequest;
import org.aquaticjava.udp.protocol.UdpRequest;

/**
 * How a socket worker reaches the swarm state once a request has passed the connection-id and
 * access-list checks. {@link LockedSwarmGateway} answers at once from the shared, locked store;
 * {@link QueuedSwarmGateway} hands the request to a swarm worker and the answer comes back later.
 *
 * <p>One instance per socket worker, called only on that worker's event-loop thread.
 */
interface SwarmGateway {
  /**
   * Applies an announce.
   *
   * @param announce the request, source address canonicalised; on {@link SwarmOutcome#ANSWERED}
   *     its result fields are filled in
   * @param now seconds since start
   * @param transactionId echoed in a deferred answer
   * @param recipient where a deferred answer is sent
   * @param replies the socket that sends a deferred answer
   */
  SwarmOutcome announce(
      AnnounceRequest announce,
      int now,
      int transactionId,
      InetSocketAddress recipient,
      ReplyTarget replies);

  /**
   * Looks up the {@link UdpRequest#scrapeHashCount()} torrents of a parsed scrape in the {@code
   * ipv6} or IPv4 swarms; on {@link SwarmOutcome#ANSWERED} their counts are in {@code results}.
   */
  SwarmOutcome scrape(
      UdpRequest request,
      boolean ipv6,
      ScrapeResults results,
      InetSocketAddress recipient,
      ReplyTarget replies);
}
