/**
 * Benchmarks of the WebTorrent tracker: reading client messages and writing tracker messages with
 * the real {@code WsRequestParser} and {@code WebTorrentJsonWriter}, and WebSocket framing
 * through Netty's frame codec ({@code WsFrameBenchmark}).
 */
@NullMarked
package org.aquaticjava.benchmarks.ws;

import org.jspecify.annotations.NullMarked;
