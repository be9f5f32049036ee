package org.aquaticjava.http.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Reusable result slot of {@link HttpQueryParser}: one per worker, overwritten by every parse. Not
 * thread-safe. Only the part matching {@link #outcome()} is meaningful: {@link #announce()} after
 * ANNOUNCE, {@link #scrape()} after SCRAPE, {@link #failure()} after FAILURE. Nothing here refers to
 * the parsed target after the parse returns, so the request may be released at once.
 */
public final class HttpQuery {
  private final AnnounceQuery announce = new AnnounceQuery();
  private final ScrapeQuery scrape;
  private final TargetSource.OfChars chars = new TargetSource.OfChars();
  private final TargetSource.OfBytes bytes = new TargetSource.OfBytes();
  /** Decoding space for one info hash. */
  private final byte[] hashScratch = new byte[InfoHashes.LENGTH];
  private HttpParseOutcome outcome = HttpParseOutcome.FAILURE;
  private FailureReason failure = FailureReason.UNKNOWN_PATH;

  /**
   * @param maxScrapeTorrents most info hashes kept per scrape (aquatic's {@code
   *     max_scrape_torrents}, default 100); must be at least 1
   */
  public HttpQuery(int maxScrapeTorrents) {
    if (maxScrapeTorrents < 1) {
      throw new IllegalArgumentException("maxScrapeTorrents must be >= 1: " + maxScrapeTorrents);
    }
    scrape = new ScrapeQuery(maxScrapeTorrents);
  }

  // ---- used by the parser (same package) ----

  TargetSource source(CharSequence target) {
    return chars.reset(target);
  }

  TargetSource source(ByteBuf target, int index, int length) {
    return bytes.reset(target, index, length);
  }

  byte[] hashScratch() {
    return hashScratch;
  }

  HttpParseOutcome done(TargetSource source, HttpParseOutcome result) {
    source.clear();
    return outcome = result;
  }

  HttpParseOutcome fail(TargetSource source, FailureReason reason) {
    failure = reason;
    return done(source, HttpParseOutcome.FAILURE);
  }

  // ---- read by the server ----

  /** Outcome of the last parse. */
  public HttpParseOutcome outcome() {
    return outcome;
  }

  /** Why the last target was refused (outcome FAILURE). */
  public FailureReason failure() {
    return failure;
  }

  /** The announce parameters (outcome ANNOUNCE). */
  public AnnounceQuery announce() {
    return announce;
  }

  /** The scrape hashes (outcome SCRAPE). */
  public ScrapeQuery scrape() {
    return scrape;
  }
}
