package org.aquaticjava.udp;

import java.net.InetSocketAddress;
import org.aquaticjava.core.swarm.AnnounceRequest;
import org.aquaticjava.core.swarm.InfoHash;
import org.aquaticjava.core.swarm.ScrapeCounts;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.udp.protocol.UdpRequest;

/**
 * The socket worker updates the shared {@link SwarmStore} itself, locking one shard per lookup,
 * and always answers at once (aquatic 0.9's design).
 *
 * <p>Single-threaded (its scratch objects); the store is thread-safe.
 */
final class LockedSwarmGateway implements SwarmGateway {
  private final SwarmStore store;
  private final InfoHash hash = new InfoHash();
  private final ScrapeCounts counts = new ScrapeCounts();

  LockedSwarmGateway(SwarmStore store) {
    this.store = store;
  }

  @Override
  public SwarmOutcome announce(
      AnnounceRequest announce,
      int now,
      int transactionId,
      InetSocketAddress recipient,
      ReplyTarget replies) {
    store.announce(announce, now);
    return SwarmOutcome.ANSWERED;
  }

  @Override
  public SwarmOutcome scrape(
      UdpRequest request,
      boolean ipv6,
      ScrapeResults results,
      InetSocketAddress recipient,
      ReplyTarget replies) {
    final int count = request.scrapeHashCount();
    for (int i = 0; i < count; i++) {
      hash.set(request.scrapeInfoHashA(i), request.scrapeInfoHashB(i), request.scrapeInfoHashC(i));
      store.scrape(hash, ipv6, counts);
      results.set(i, counts.seeders, counts.completed, counts.leechers);
    }
    results.count = count;
    return SwarmOutcome.ANSWERED;
  }
}
