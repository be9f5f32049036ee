/**
 * WebTorrent signalling messages (protocols.md §6): JSON objects in WebSocket text frames.
 *
 * <p>Tracker side: {@link org.aquaticjava.ws.protocol.WsRequestParser} reads one client
 * message into a reusable {@link org.aquaticjava.ws.protocol.WsRequest}, never throwing on hostile
 * input, and {@link org.aquaticjava.ws.protocol.WebTorrentJsonWriter} writes announce responses,
 * relayed offers and answers, scrape responses and errors into a caller-owned {@link
 * io.netty.buffer.ByteBuf}. Client side (load tester, tests): {@link
 * org.aquaticjava.ws.protocol.WebTorrentClientWriter} and {@link
 * org.aquaticjava.ws.protocol.TrackerMessageParser}.
 *
 * <p>{@link org.aquaticjava.ws.protocol.Utf8Validator} checks that text messages are UTF-8, as RFC
 * 6455 requires of a WebSocket endpoint, fast enough to run over every relayed SDP.
 *
 * <p>{@code info_hash}, {@code peer_id}, {@code to_peer_id} and {@code offer_id} are binary strings:
 * 20 JSON characters U+0000–U+00FF, one per byte (Node's {@code Buffer.toString('binary')}). They
 * are read and written byte-exact, in the escaping {@code JSON.stringify} produces. SDP strings are
 * only relayed, so they are kept as the raw JSON string literal (quotes and escapes included) and
 * copied to the output verbatim, after the reader has checked that they decode.
 *
 * <p>No threads and no channels: the tracker and the load tester share this package. Readers and
 * result slots are single-threaded and meant to be reused (one per socket worker or connection);
 * writers are immutable and thread-safe.
 */
@NullMarked
package org.aquaticjava.ws.protocol;

import org.jspecify.annotations.NullMarked;
