/**
 * HTTP tracker wire format (BEP 3, 7, 23, 31, 48; protocols.md §3): parsing request targets and
 * writing bencoded responses for the tracker; writing request targets and reading bencode for
 * clients (load tester, test client). No threads and no channels: the tracker and the load tester
 * share this package.
 *
 * <h2>Server side: allocation-free, never throws on input</h2>
 *
 * {@link org.aquaticjava.http.protocol.HttpQueryParser} reads a request target (a {@code
 * CharSequence} such as Netty's {@code HttpRequest.uri()}, or a {@link io.netty.buffer.ByteBuf})
 * into a per-worker {@link org.aquaticjava.http.protocol.HttpQuery}; every refusal is a {@link
 * org.aquaticjava.http.protocol.FailureReason} with pre-encoded text, to be sent with {@link
 * org.aquaticjava.http.protocol.FailureResponseWriter} as HTTP 200. {@link
 * org.aquaticjava.http.protocol.AnnounceResponseWriter} and {@link
 * org.aquaticjava.http.protocol.ScrapeResponseWriter} stream a response from primitives (packed
 * info hashes, IPv4 as an int, IPv6 as two longs, ports) into a caller-owned buffer.
 *
 * <h2>Limits</h2>
 *
 * <table>
 *   <caption>Limits of the server side</caption>
 *   <tr><th>What</th><th>Limit</th><th>Beyond it</th></tr>
 *   <tr><td>request target length</td><td>none here: the parse is linear; the server bounds the
 *       request line</td><td>-</td></tr>
 *   <tr><td>{@code info_hash}, {@code peer_id}</td><td>exactly 20 decoded bytes</td><td>failure
 *       reason</td></tr>
 *   <tr><td>{@code key}</td><td>{@value org.aquaticjava.http.protocol.AnnounceQuery#KEY_CAPACITY}
 *       decoded bytes</td><td>failure reason</td></tr>
 *   <tr><td>numbers</td><td>signed 64-bit decimal, -9223372036854775808 excluded</td><td>failure
 *       reason</td></tr>
 *   <tr><td>scrape hashes</td><td>the {@code maxScrapeTorrents} given to {@link
 *       org.aquaticjava.http.protocol.HttpQuery}</td><td>kept: the first ones; counted: all</td></tr>
 *   <tr><td>response size</td><td>{@link
 *       org.aquaticjava.http.protocol.AnnounceResponseWriter#compactMaxLength}, {@link
 *       org.aquaticjava.http.protocol.ScrapeResponseWriter#maxLength}</td><td>the buffer grows</td></tr>
 * </table>
 *
 * <h2>Client side</h2>
 *
 * {@link org.aquaticjava.http.protocol.HttpAnnounceRequestWriter} writes targets percent-encoded
 * like libtorrent; {@link org.aquaticjava.http.protocol.BencodeReader} decodes responses strictly,
 * within depth and size limits, and reports garbage only as the checked {@link
 * org.aquaticjava.http.protocol.BencodeException}.
 */
@NullMarked
package org.aquaticjava.http.protocol;

import org.jspecify.annotations.NullMarked;
