package org.aquaticjava.loadtest.http;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What happened to the connections of an http run and how the tracker refused requests (summed
 * over workers). These complement the request outcomes: a 429 or a failure with {@code retry in}
 * is also an error reply there, and a request on a connection the tracker closed without answering
 * is also lost.
 *
 * @param opened TCP connects that succeeded
 * @param connectFailures connects that failed or timed out
 * @param closedByTracker connections the tracker (or the network) closed while the load tester
 *     kept them: with a request in flight, or idle between requests (not after a reply that said
 *     {@code Connection: close})
 * @param status429 replies with status 429 (a rate-limited source's notice)
 * @param retryIn failure replies with a BEP 31 {@code retry in} (429s and overload shedding)
 * @param firstConnectFailure why the first failed connect failed, or null
 */
public record HttpConnectionStats(
    long opened,
    long connectFailures,
    long closedByTracker,
    long status429,
    long retryIn,
    @Nullable String firstConnectFailure) {

  /** Adds {@code other}'s counts; keeps this run's first failure if both have one. */
  HttpConnectionStats plus(HttpConnectionStats other) {
    return new HttpConnectionStats(
        opened + other.opened,
        connectFailures + other.connectFailures,
        closedByTracker + other.closedByTracker,
        status429 + other.status429,
        retryIn + other.retryIn,
        firstConnectFailure != null ? firstConnectFailure : other.firstConnectFailure);
  }

  /** The machine-readable line: {@code CONNECTIONS protocol=http key=value ...}. */
  String summaryLine() {
    return String.format(
        Locale.ROOT,
        "CONNECTIONS protocol=http opened=%d failed=%d closed_by_tracker=%d status_429=%d retry_in=%d",
        opened, connectFailures, closedByTracker, status429, retryIn);
  }
}
