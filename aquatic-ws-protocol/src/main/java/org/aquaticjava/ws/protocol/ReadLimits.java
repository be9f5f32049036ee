package org.aquaticjava.ws.protocol;

/**
 * Limits of a {@link WsRequestParser} and the capacity of its {@link WsRequest} slots.
 *
 * <table>
 *   <caption>Limits, defaults and what happens beyond them</caption>
 *   <tr><th>Limit</th><th>Default</th><th>Beyond it</th></tr>
 *   <tr><td>{@code maxMessageSize}</td><td>65536 bytes (aquatic)</td>
 *       <td>{@link ReadError#MESSAGE_TOO_LARGE}, nothing parsed</td></tr>
 *   <tr><td>{@code maxNestingDepth}</td><td>16</td>
 *       <td>{@link ReadError#LIMIT_EXCEEDED}; checked by jackson while reading, so deep nesting
 *       never recurses</td></tr>
 *   <tr><td>{@code maxOffers}</td><td>10 (aquatic {@code max_offers})</td>
 *       <td>further offers are skipped and counted ({@link WsRequest#offersIgnored()})</td></tr>
 *   <tr><td>{@code maxSdpSize}</td><td>16384 bytes of JSON string literal</td>
 *       <td>an answer: {@link ReadError#SDP_TOO_LARGE}; an offer: skipped and counted ({@link
 *       OfferSkip#SDP_TOO_LARGE})</td></tr>
 *   <tr><td>{@code maxScrapeHashes}</td><td>255 (aquatic {@code max_scrape_torrents})</td>
 *       <td>further hashes are skipped and counted ({@link WsRequest#scrapeHashesIgnored()})</td></tr>
 * </table>
 *
 * @param maxMessageSize largest message in bytes; at least 2
 * @param maxNestingDepth deepest nesting of objects and arrays; at least 4 (an offer's {@code sdp}
 *     sits at depth 4: message, offers, offer entry, offer)
 * @param maxOffers most offers kept per announce; at least 1
 * @param maxSdpSize longest SDP in bytes of its JSON literal (quotes and escapes included); at
 *     least 2
 * @param maxScrapeHashes most info hashes kept per scrape; at least 1
 */
public record ReadLimits(
    int maxMessageSize, int maxNestingDepth, int maxOffers, int maxSdpSize, int maxScrapeHashes) {

  /** aquatic's limits, plus a nesting depth and an SDP size it does not have. */
  public static final ReadLimits DEFAULTS = new ReadLimits(65_536, 16, 10, 16_384, 255);

  /** Smallest depth that reaches an offer's {@code sdp}. */
  public static final int MIN_NESTING_DEPTH = 4;

  public ReadLimits {
    requireAtLeast("maxMessageSize", maxMessageSize, 2);
    requireAtLeast("maxNestingDepth", maxNestingDepth, MIN_NESTING_DEPTH);
    requireAtLeast("maxOffers", maxOffers, 1);
    requireAtLeast("maxSdpSize", maxSdpSize, 2);
    requireAtLeast("maxScrapeHashes", maxScrapeHashes, 1);
  }

  private static void requireAtLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ": " + value);
    }
  }
}
