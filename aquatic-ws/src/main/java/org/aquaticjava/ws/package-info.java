/**
 * The WebTorrent tracker ({@code aquatic ws}): a WebSocket server that keeps swarms of WebRTC
 * peers keyed by peer id and relays their offers and answers (protocols.md §6).
 *
 * <p>Threads: Netty event loops ({@link org.aquaticjava.ws.WsSocketWorker}) own the connections and
 * apply messages to the sharded, lock-per-shard swarm state; relays go straight to the target
 * connection's channel. A supervised cleaning thread expires peers and offers. Backpressure is
 * per connection and lossy: a slow reader loses messages (counted) and is closed, it never makes
 * the tracker's memory grow.
 */
@NullMarked
package org.aquaticjava.ws;

import org.jspecify.annotations.NullMarked;
