package org.aquaticjava.loadtest.ws;

import org.aquaticjava.loadtest.LoadTestResult;

/**
 * The outcome of a ws run: the protocol-independent counts (requests are announces and scrapes;
 * the {@code offer} and {@code answer} types are relayed messages received, not replies) plus the
 * connection statistics.
 */
public record WsRunResult(LoadTestResult load, WsConnectionStats connections) {}
