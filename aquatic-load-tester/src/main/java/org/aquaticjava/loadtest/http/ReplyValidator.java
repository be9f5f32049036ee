package org.aquaticjava.loadtest.http;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.aquaticjava.http.protocol.BencodeException;
import org.aquaticjava.http.protocol.BencodeReader;
import org.aquaticjava.http.protocol.BencodeValue;
import org.aquaticjava.loadtest.TorrentPool;
import org.jspecify.annotations.Nullable;

/**
 * Checks one tracker reply against the request it answers. A reply is
 *
 * <ul>
 *   <li>an <b>error</b> if its HTTP status is not 200 (message {@code HTTP status N}, followed by
 *       {@code : } and the body's {@code failure reason} if it is a bencoded dictionary with one,
 *       as a 429 of a rate-limited source is) or its body is a bencoded dictionary with a {@code
 *       failure reason} (the message is that text); {@link #errorHasRetryIn} tells whether the
 *       failure carried a BEP 31 {@code retry in};
 *   <li>a valid <b>announce</b> if the body is a dictionary with non-negative integers {@code
 *       interval}, {@code complete}, {@code incomplete} and compact {@code peers} (6 bytes each)
 *       and/or {@code peers6} (18 bytes each), at most the requested {@code numwant} in all;
 *   <li>a valid <b>scrape</b> if the body is a dictionary whose {@code files} dictionary has at most
 *       one entry per distinct requested info hash, each keyed by 20 bytes and holding
 *       non-negative {@code complete} and {@code incomplete};
 *   <li>otherwise <b>malformed</b>, including any body {@link BencodeReader} refuses.
 * </ul>
 *
 * <p>Not thread-safe: owned by one worker (it keeps the last error message). Allocates the decoded
 * tree; fine for a load tester, whose own cost is not what is measured.
 */
final class ReplyValidator {
  /** Outcome of {@link #check}. */
  enum Verdict {
    VALID,
    ERROR,
    MALFORMED
  }

  private static final int COMPACT_PEER_V4 = 6;
  private static final int COMPACT_PEER_V6 = 18;

  private final BencodeReader reader = new BencodeReader();
  private byte[] errorMessage = new byte[0];
  private boolean errorHasRetryIn;

  /**
   * Checks a reply of {@code status} with {@code body} (indexes untouched) to a request of {@code
   * kind}.
   *
   * @param maxPeers numwant of an announce; negative accepts any number of peers
   * @param scrapeEntries distinct info hashes of a scrape
   */
  Verdict check(int status, ByteBuf body, int kind, int maxPeers, int scrapeEntries) {
    errorHasRetryIn = false;
    if (status != 200) {
      errorMessage = statusMessage(status, body);
      return Verdict.ERROR;
    }
    final BencodeValue.Dict reply;
    try {
      if (!(reader.read(body) instanceof BencodeValue.Dict dict)) {
        return Verdict.MALFORMED;
      }
      reply = dict;
      if (reply.get("failure reason") != null) {
        errorMessage = reply.bytes("failure reason");
        errorHasRetryIn = reply.get("retry in") != null;
        return Verdict.ERROR;
      }
      final boolean valid =
          kind == ReplyKind.ANNOUNCE ? isAnnounce(reply, maxPeers) : isScrape(reply, scrapeEntries);
      return valid ? Verdict.VALID : Verdict.MALFORMED;
    } catch (BencodeException e) {
      return Verdict.MALFORMED;
    }
  }

  /** {@code HTTP status N}, with the body's failure reason if it has one. */
  private byte[] statusMessage(int status, ByteBuf body) {
    final String prefix = "HTTP status " + status;
    try {
      if (body.isReadable()
          && reader.read(body) instanceof BencodeValue.Dict dict
          && dict.get("failure reason") != null) {
        errorHasRetryIn = dict.get("retry in") != null;
        return (prefix + ": " + new String(dict.bytes("failure reason"), StandardCharsets.ISO_8859_1))
            .getBytes(StandardCharsets.ISO_8859_1);
      }
    } catch (BencodeException e) {
      // Not bencode (e.g. a proxy's HTML error page): the status alone says what happened.
    }
    return prefix.getBytes(StandardCharsets.US_ASCII);
  }

  /** Whether the last {@link Verdict#ERROR} was a failure with a BEP 31 {@code retry in}. */
  boolean errorHasRetryIn() {
    return errorHasRetryIn;
  }

  /** The message of the last {@link Verdict#ERROR}; owned by this validator until the next check. */
  byte[] errorMessage() {
    return errorMessage;
  }

  private static boolean isAnnounce(BencodeValue.Dict reply, int maxPeers)
      throws BencodeException {
    if (reply.integer("interval") < 0
        || reply.integer("complete") < 0
        || reply.integer("incomplete") < 0) {
      return false;
    }
    final int v4 = compactPeers(reply.get("peers"), COMPACT_PEER_V4);
    final int v6 = compactPeers(reply.get("peers6"), COMPACT_PEER_V6);
    if (v4 < 0 || v6 < 0 || (reply.get("peers") == null && reply.get("peers6") == null)) {
      return false;
    }
    return maxPeers < 0 || v4 + v6 <= maxPeers;
  }

  /** Peers in a compact peer string; 0 if absent, -1 if not a whole number of peers. */
  private static int compactPeers(@Nullable BencodeValue value, int peerLength) {
    if (value == null) {
      return 0;
    }
    if (value instanceof BencodeValue.Bytes(byte[] bytes) && bytes.length % peerLength == 0) {
      return bytes.length / peerLength;
    }
    return -1;
  }

  private static boolean isScrape(BencodeValue.Dict reply, int scrapeEntries)
      throws BencodeException {
    final Map<String, BencodeValue> files = reply.dict("files").entries();
    if (files.size() > scrapeEntries) {
      return false;
    }
    for (final Map.Entry<String, BencodeValue> file : files.entrySet()) {
      if (file.getKey().length() != TorrentPool.INFO_HASH_LENGTH
          || !(file.getValue() instanceof BencodeValue.Dict stats)
          || stats.integer("complete") < 0
          || stats.integer("incomplete") < 0) {
        return false;
      }
    }
    return true;
  }
}
