package org.aquaticjava.loadtest.ws;

import org.jspecify.annotations.Nullable;

/**
 * What happened to the connections of a ws run (summed over workers).
 *
 * @param opened connections whose WebSocket handshake completed
 * @param failed connections that could not connect or finish the handshake
 * @param closedByTracker open connections the tracker (or the network) closed before the end
 * @param answersSent answers sent to relayed offers (one per valid offer received)
 * @param firstFailure why the first failed connection failed, or null
 */
public record WsConnectionStats(
    long opened, long failed, long closedByTracker, long answersSent, @Nullable String firstFailure) {

  /** Adds {@code other}'s counts; keeps this run's first failure if both have one. */
  WsConnectionStats plus(WsConnectionStats other) {
    return new WsConnectionStats(
        opened + other.opened,
        failed + other.failed,
        closedByTracker + other.closedByTracker,
        answersSent + other.answersSent,
        firstFailure != null ? firstFailure : other.firstFailure);
  }
}
