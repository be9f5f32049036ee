package org.aquaticjava.http;

/** What {@link HttpRequestProcessor} wrote, and so which status it goes out with. */
enum Reply {
  /** A bencoded announce response (200). */
  ANNOUNCE(HttpStatus.OK),
  /** A bencoded scrape response (200). */
  SCRAPE(HttpStatus.OK),
  /** A bencoded failure reason for a refused tracker request (200, as clients expect). */
  FAILURE(HttpStatus.OK),
  /** A bencoded failure reason for a path that is neither announce nor scrape (404). */
  NOT_FOUND(HttpStatus.NOT_FOUND),
  /**
   * A source limit refused the request and this is the source's notice: a bencoded failure with
   * BEP 31 {@code retry in} (429); the connection closes after it.
   */
  LIMITED_NOTICE(HttpStatus.TOO_MANY_REQUESTS),
  /** A source limit refused the request after its notice: nothing written; close unanswered. */
  LIMITED_CLOSE(HttpStatus.TOO_MANY_REQUESTS);

  private final HttpStatus status;

  Reply(HttpStatus status) {
    this.status = status;
  }

  HttpStatus status() {
    return status;
  }
}
