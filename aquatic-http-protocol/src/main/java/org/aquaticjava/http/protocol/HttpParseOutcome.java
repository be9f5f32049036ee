package org.aquaticjava.http.protocol;

/** What {@link HttpQueryParser} found in a request target, and so what the server does next. */
public enum HttpParseOutcome {
  /** A well-formed announce: read {@link HttpQuery#announce()}. */
  ANNOUNCE,
  /** A well-formed scrape with at least one info hash: read {@link HttpQuery#scrape()}. */
  SCRAPE,
  /**
   * A refused target: answer with the bencoded {@link HttpQuery#failure()} (status 200), or with a
   * 404 for {@link FailureReason#UNKNOWN_PATH} if the server prefers.
   */
  FAILURE
}
