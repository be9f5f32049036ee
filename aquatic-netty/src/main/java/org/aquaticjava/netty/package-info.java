/**
 * Netty plumbing shared by the servers: transport selection (io_uring, epoll, NIO) with logged
 * fallbacks, socket options (SO_REUSEPORT, buffer sizes with read-back, IPV6_V6ONLY), batched
 * datagram receive, event-loop supervision, the Prometheus endpoint and the SIGUSR1 hook.
 */
@NullMarked
package org.aquaticjava.netty;

import org.jspecify.annotations.NullMarked;
