package org.aquaticjava.http.protocol;

import static org.aquaticjava.http.protocol.QueryValues.MALFORMED;
import static org.aquaticjava.http.protocol.QueryValues.NOT_A_NUMBER;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Parses an HTTP tracker request target ({@code /announce?info_hash=...&...}, protocols.md §3) into
 * a reusable {@link HttpQuery}. Never throws for any content and allocates nothing. Immutable and
 * thread-safe; each thread brings its own {@link HttpQuery}.
 *
 * <pre>
 *  request target = [ "http" ["s"] "://" authority ] path [ "?" query ] [ "#" fragment ]
 *  query          = pair *( "&amp;" pair )       pair = key [ "=" value ]     (empty pairs skipped)
 * </pre>
 *
 * <p>The path must equal the configured announce or scrape path byte for byte (no percent-decoding,
 * no suffix such as {@code /announce/KEY}); otherwise {@link FailureReason#UNKNOWN_PATH}. Keys are
 * matched raw, values of {@code info_hash}, {@code peer_id} and {@code key} are percent-decoded
 * ({@code %XX} in either case; {@code +} and every other byte are literal). Announce rules are in
 * {@link AnnounceQuery}; a scrape takes every {@code info_hash} (see {@link ScrapeQuery}) and
 * ignores other keys. Each refused target yields one specific {@link FailureReason}; when several
 * apply, the first found scanning left to right wins, then missing parameters in the order
 * info_hash, peer_id, port.
 *
 * <p>Length is not limited here: the server bounds the request line (e.g. Netty's {@code
 * maxInitialLineLength}) and the parse is linear in it.
 */
public final class HttpQueryParser {
  /** The conventional announce path. */
  public static final String DEFAULT_ANNOUNCE_PATH = "/announce";
  /** The conventional scrape path (BEP 48: the announce path with "announce" made "scrape"). */
  public static final String DEFAULT_SCRAPE_PATH = "/scrape";

  private static final byte[] INFO_HASH = ascii("info_hash");
  private static final byte[] PEER_ID = ascii("peer_id");
  private static final byte[] PORT = ascii("port");
  private static final byte[] UPLOADED = ascii("uploaded");
  private static final byte[] DOWNLOADED = ascii("downloaded");
  private static final byte[] LEFT = ascii("left");
  private static final byte[] EVENT = ascii("event");
  private static final byte[] NUMWANT = ascii("numwant");
  private static final byte[] COMPACT = ascii("compact");
  private static final byte[] NO_PEER_ID = ascii("no_peer_id");
  private static final byte[] KEY = ascii("key");
  private static final byte[] EMPTY = ascii("empty");
  private static final byte[] ZERO = ascii("0");
  private static final byte[] HTTP = ascii("http://");
  private static final byte[] HTTPS = ascii("https://");
  private static final HttpAnnounceEvent[] EVENTS = HttpAnnounceEvent.values();

  private final byte[] announcePath;
  private final byte[] scrapePath;

  /** A parser for {@link #DEFAULT_ANNOUNCE_PATH} and {@link #DEFAULT_SCRAPE_PATH}. */
  public HttpQueryParser() {
    this(DEFAULT_ANNOUNCE_PATH, DEFAULT_SCRAPE_PATH);
  }

  /**
   * @param announcePath path of announces, starting with {@code /}, e.g. {@code /announce}
   * @param scrapePath path of scrapes, starting with {@code /}, different from the announce path
   */
  public HttpQueryParser(String announcePath, String scrapePath) {
    this.announcePath = checkPath(announcePath);
    this.scrapePath = checkPath(scrapePath);
    if (announcePath.equals(scrapePath)) {
      throw new IllegalArgumentException("announce and scrape paths must differ: " + announcePath);
    }
  }

  /**
   * Parses a request target held as text, one char per byte (Netty's {@code HttpRequest.uri()});
   * a char above U+00FF in a decoded value is malformed. Never throws for any content.
   *
   * @return the outcome, also stored in {@code out}
   */
  public HttpParseOutcome parse(CharSequence target, HttpQuery out) {
    return parse(out.source(target), out);
  }

  /**
   * Parses the readable bytes of {@code target} without moving any of its indexes. Never throws
   * for any content.
   *
   * @return the outcome, also stored in {@code out}
   */
  public HttpParseOutcome parse(ByteBuf target, HttpQuery out) {
    return parse(out.source(target, target.readerIndex(), target.readableBytes()), out);
  }

  private HttpParseOutcome parse(TargetSource source, HttpQuery out) {
    final int length = source.length();
    final int pathStart = pathStart(source, length);
    int pathEnd = pathStart;
    while (pathEnd < length && source.at(pathEnd) != '?' && source.at(pathEnd) != '#') {
      pathEnd++;
    }
    final int queryStart = pathEnd < length && source.at(pathEnd) == '?' ? pathEnd + 1 : pathEnd;
    final int queryEnd = QueryValues.indexOf(source, '#', queryStart, length);
    final FailureReason failure;
    if (QueryValues.equals(source, pathStart, pathEnd, announcePath)) {
      failure = parseAnnounce(source, queryStart, queryEnd, out);
      return failure == null ? out.done(source, HttpParseOutcome.ANNOUNCE) : out.fail(source, failure);
    }
    if (QueryValues.equals(source, pathStart, pathEnd, scrapePath)) {
      failure = parseScrape(source, queryStart, queryEnd, out);
      return failure == null ? out.done(source, HttpParseOutcome.SCRAPE) : out.fail(source, failure);
    }
    return out.fail(source, FailureReason.UNKNOWN_PATH);
  }

  /**
   * Where the path starts: 0 in origin form; in absolute form, after the authority (which ends at
   * the first {@code /}, {@code ?} or {@code #}), where a missing path reads as empty.
   */
  private static int pathStart(TargetSource source, int length) {
    if (length > 0 && source.at(0) == '/') {
      return 0;
    }
    final int authority =
        startsWithIgnoringCase(source, length, HTTP)
            ? HTTP.length
            : startsWithIgnoringCase(source, length, HTTPS) ? HTTPS.length : 0;
    if (authority == 0) {
      return 0;
    }
    int i = authority;
    while (i < length && source.at(i) != '/' && source.at(i) != '?' && source.at(i) != '#') {
      i++;
    }
    return i;
  }

  private static @Nullable FailureReason parseAnnounce(
      TargetSource source, int start, int end, HttpQuery out) {
    final AnnounceQuery announce = out.announce();
    announce.reset();
    boolean infoHash = false;
    boolean peerId = false;
    boolean port = false;
    int pairStart = start;
    while (pairStart < end) {
      final int pairEnd = QueryValues.indexOf(source, '&', pairStart, end);
      final int keyEnd = QueryValues.indexOf(source, '=', pairStart, pairEnd);
      final int valueStart = Math.min(keyEnd + 1, pairEnd);
      final FailureReason failure;
      if (QueryValues.equals(source, pairStart, keyEnd, INFO_HASH)) {
        failure = readInfoHash(source, valueStart, pairEnd, out);
        if (failure == null) {
          final byte[] hash = out.hashScratch();
          announce.infoHash(InfoHashes.a(hash), InfoHashes.b(hash), InfoHashes.c(hash));
        }
        infoHash = true;
      } else if (QueryValues.equals(source, pairStart, keyEnd, PEER_ID)) {
        failure =
            decodeExactly20(
                source,
                valueStart,
                pairEnd,
                announce.peerIdBuffer(),
                FailureReason.PEER_ID_NOT_20_BYTES);
        peerId = true;
      } else if (QueryValues.equals(source, pairStart, keyEnd, PORT)) {
        final long value = QueryValues.parseDecimal(source, valueStart, pairEnd);
        failure = value >= 1 && value <= 0xFFFF ? null : FailureReason.INVALID_PORT;
        announce.port((int) value);
        port = true;
      } else {
        failure = readOptional(source, pairStart, keyEnd, valueStart, pairEnd, announce);
      }
      if (failure != null) {
        return failure;
      }
      pairStart = pairEnd + 1;
    }
    return !infoHash
        ? FailureReason.MISSING_INFO_HASH
        : !peerId ? FailureReason.MISSING_PEER_ID : !port ? FailureReason.MISSING_PORT : null;
  }

  /** The announce parameters that have defaults; unknown keys are ignored. */
  private static @Nullable FailureReason readOptional(
      TargetSource source,
      int keyStart,
      int keyEnd,
      int valueStart,
      int valueEnd,
      AnnounceQuery announce) {
    if (QueryValues.equals(source, keyStart, keyEnd, UPLOADED)) {
      final long value = QueryValues.parseDecimal(source, valueStart, valueEnd);
      announce.uploaded(value);
      return value == NOT_A_NUMBER ? FailureReason.INVALID_UPLOADED : null;
    }
    if (QueryValues.equals(source, keyStart, keyEnd, DOWNLOADED)) {
      final long value = QueryValues.parseDecimal(source, valueStart, valueEnd);
      announce.downloaded(value);
      return value == NOT_A_NUMBER ? FailureReason.INVALID_DOWNLOADED : null;
    }
    if (QueryValues.equals(source, keyStart, keyEnd, LEFT)) {
      final long value = QueryValues.parseDecimal(source, valueStart, valueEnd);
      announce.left(value);
      return value == NOT_A_NUMBER ? FailureReason.INVALID_LEFT : null;
    }
    if (QueryValues.equals(source, keyStart, keyEnd, NUMWANT)) {
      final long value = QueryValues.parseDecimal(source, valueStart, valueEnd);
      announce.numWant(value);
      return value == NOT_A_NUMBER ? FailureReason.INVALID_NUMWANT : null;
    }
    if (QueryValues.equals(source, keyStart, keyEnd, EVENT)) {
      readEvent(source, valueStart, valueEnd, announce);
    } else if (QueryValues.equals(source, keyStart, keyEnd, COMPACT)) {
      announce.compact(!QueryValues.equals(source, valueStart, valueEnd, ZERO));
    } else if (QueryValues.equals(source, keyStart, keyEnd, NO_PEER_ID)) {
      announce.noPeerId(!QueryValues.equals(source, valueStart, valueEnd, ZERO));
    } else if (QueryValues.equals(source, keyStart, keyEnd, KEY)) {
      final int length =
          QueryValues.percentDecode(source, valueStart, valueEnd, announce.keyBuffer());
      if (length < 0) {
        return length == MALFORMED
            ? FailureReason.MALFORMED_PERCENT_ENCODING
            : FailureReason.KEY_TOO_LONG;
      }
      announce.keyLength(length);
    }
    return null;
  }

  private static void readEvent(TargetSource source, int start, int end, AnnounceQuery announce) {
    if (start == end || QueryValues.equals(source, start, end, EMPTY)) {
      announce.event(HttpAnnounceEvent.NONE, false);
      return;
    }
    for (HttpAnnounceEvent event : EVENTS) {
      if (event != HttpAnnounceEvent.NONE
          && QueryValues.equals(source, start, end, event.wireBytes())) {
        announce.event(event, false);
        return;
      }
    }
    announce.event(HttpAnnounceEvent.NONE, true);
  }

  private static @Nullable FailureReason parseScrape(
      TargetSource source, int start, int end, HttpQuery out) {
    final ScrapeQuery scrape = out.scrape();
    scrape.reset();
    int pairStart = start;
    while (pairStart < end) {
      final int pairEnd = QueryValues.indexOf(source, '&', pairStart, end);
      final int keyEnd = QueryValues.indexOf(source, '=', pairStart, pairEnd);
      if (QueryValues.equals(source, pairStart, keyEnd, INFO_HASH)) {
        final FailureReason failure =
            readInfoHash(source, Math.min(keyEnd + 1, pairEnd), pairEnd, out);
        if (failure != null) {
          return failure;
        }
        final byte[] hash = out.hashScratch();
        scrape.add(InfoHashes.a(hash), InfoHashes.b(hash), InfoHashes.c(hash));
      }
      pairStart = pairEnd + 1;
    }
    if (scrape.hashesPresent() == 0) {
      return FailureReason.FULL_SCRAPE;
    }
    scrape.sortAndDeduplicate();
    return null;
  }

  /** Decodes one info_hash value into the slot's scratch. */
  private static @Nullable FailureReason readInfoHash(
      TargetSource source, int start, int end, HttpQuery out) {
    return decodeExactly20(
        source, start, end, out.hashScratch(), FailureReason.INFO_HASH_NOT_20_BYTES);
  }

  private static @Nullable FailureReason decodeExactly20(
      TargetSource source, int start, int end, byte[] destination, FailureReason wrongLength) {
    final int length = QueryValues.percentDecode(source, start, end, destination);
    if (length == MALFORMED) {
      return FailureReason.MALFORMED_PERCENT_ENCODING;
    }
    return length == InfoHashes.LENGTH ? null : wrongLength;
  }

  private static boolean startsWithIgnoringCase(TargetSource source, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      final int c = source.at(i);
      final int expected = prefix[i];
      if (c != expected && !(expected >= 'a' && expected <= 'z' && (c | 0x20) == expected)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] checkPath(String path) {
    if (!path.startsWith("/") || path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
      throw new IllegalArgumentException("a path starts with / and has no ? or #: " + path);
    }
    return path.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
