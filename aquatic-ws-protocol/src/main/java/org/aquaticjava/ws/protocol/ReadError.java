package org.aquaticjava.ws.protocol;

import java.util.Locale;

/**
 * Why a client message was refused ({@link WsParseOutcome#ERROR}). Each carries the {@code failure
 * reason} sent back ({@link #failureReason()}). The constant names in lower case are metric labels
 * ({@link #label()}): never rename a released constant.
 */
public enum ReadError {
  /** Longer than {@link ReadLimits#maxMessageSize()}. */
  MESSAGE_TOO_LARGE("Invalid request: message too large"),
  /** Not JSON, truncated JSON, or JSON followed by more content. */
  MALFORMED_JSON("Invalid request: malformed JSON"),
  /** Nesting, number or string length beyond the reader's limits. */
  LIMIT_EXCEEDED("Invalid request: nesting or value size limit exceeded"),
  /** Valid JSON whose top level is not an object. */
  NOT_AN_OBJECT("Invalid request: not a JSON object"),
  /** No {@code action} key, or one that is not a string. */
  MISSING_ACTION("Invalid request: missing action"),
  /** An {@code action} other than announce and scrape. */
  UNKNOWN_ACTION("Invalid request: unknown action"),
  /** An announce without {@code info_hash} (or with {@code null}). */
  MISSING_INFO_HASH("Invalid request: missing info_hash"),
  /** An {@code info_hash} that is not a 20-character binary string (or, in a scrape, an array of them). */
  INVALID_INFO_HASH("Invalid request: info_hash must be 20 characters U+0000-U+00FF"),
  /** An announce without {@code peer_id}. */
  MISSING_PEER_ID("Invalid request: missing peer_id"),
  /** A {@code peer_id} that is not a 20-character binary string. */
  INVALID_PEER_ID("Invalid request: peer_id must be 20 characters U+0000-U+00FF"),
  /** The {@code offer_id} of an answer that is not a 20-character binary string. */
  INVALID_OFFER_ID("Invalid request: offer_id must be 20 characters U+0000-U+00FF"),
  /** {@code answer} not an object with an {@code sdp} string. */
  INVALID_ANSWER("Invalid request: answer must be {type,sdp}"),
  /** An {@code answer} without {@code to_peer_id} or without {@code offer_id}. */
  INCOMPLETE_ANSWER("Invalid request: answer needs to_peer_id and offer_id"),
  /** A {@code to_peer_id} that is not a 20-character binary string. */
  INVALID_TO_PEER_ID("Invalid request: to_peer_id must be 20 characters U+0000-U+00FF"),
  /**
   * An answer's SDP longer than {@link ReadLimits#maxSdpSize()} bytes (an offer's is skipped
   * instead: {@link OfferSkip#SDP_TOO_LARGE}).
   */
  SDP_TOO_LARGE("Invalid request: SDP too large");

  private final String label = name().toLowerCase(Locale.ROOT);
  private final JsonText failureReason;

  ReadError(String failureReason) {
    this.failureReason = JsonText.of(failureReason);
  }

  /** The metric label: the constant name in lower case, e.g. {@code malformed_json}. */
  public String label() {
    return label;
  }

  /** The {@code failure reason} to send, pre-encoded. */
  public JsonText failureReason() {
    return failureReason;
  }
}
