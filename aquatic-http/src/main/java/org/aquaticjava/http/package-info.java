/**
 * The HTTP(S) BitTorrent tracker ({@code aquatic http}): BEP 3 announces with compact (BEP 23),
 * IPv6 (BEP 7) and dictionary peer lists, BEP 48 scrapes, bencoded failure reasons for every
 * refused request, keep-alive and pipelining, per-connection limits and reverse-proxy support.
 *
 * <p>{@link org.aquaticjava.http.HttpTracker} is the only entry point. Each socket worker is a
 * Netty event loop with its own listening socket per family (SO_REUSEPORT); the connections it
 * accepts run the pipeline of {@code HttpChannelInitializer} on that loop and share the worker's
 * {@link org.aquaticjava.http.HttpRequestProcessor}, which parses with the allocation-free
 * {@code aquatic-http-protocol} codec and works on the shared swarm store of {@code
 * org.aquaticjava.netty.TrackerRuntime}. Responses are framed by hand into one pooled buffer.
 */
@NullMarked
package org.aquaticjava.http;

import org.jspecify.annotations.NullMarked;
