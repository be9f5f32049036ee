package org.aquaticjava.loadtest;

import java.util.Arrays;

/**
 * A sum of {@link OutcomeCounters} over workers at one moment. Mutable while it is being summed;
 * not thread-safe. Used off the hot path only (progress lines, final report).
 */
public final class Outcomes {
  private long sent;
  private final long[] responses;
  private long errors;
  private long lost;
  private long malformed;
  private long late;

  /** Zero outcomes for a protocol with {@code responseTypes} kinds of successful response. */
  public Outcomes(int responseTypes) {
    responses = new long[responseTypes];
  }

  void add(long sent, long[] responses, long errors, long lost, long malformed, long late) {
    this.sent += sent;
    for (int i = 0; i < responses.length; i++) {
      this.responses[i] += responses[i];
    }
    this.errors += errors;
    this.lost += lost;
    this.malformed += malformed;
    this.late += late;
  }

  /** Requests sent. */
  public long sent() {
    return sent;
  }

  /** Valid responses of type {@code type}. */
  public long responses(int type) {
    return responses[type];
  }

  /** Number of response types. */
  public int responseTypes() {
    return responses.length;
  }

  /** All valid replies: typed responses plus error replies. */
  public long allResponses() {
    return Arrays.stream(responses).sum() + errors;
  }

  /** Valid error replies. */
  public long errors() {
    return errors;
  }

  /** Requests without a reply in time. */
  public long lost() {
    return lost;
  }

  /** Replies that failed validation. */
  public long malformed() {
    return malformed;
  }

  /** Replies that matched no request in flight. */
  public long late() {
    return late;
  }
}
