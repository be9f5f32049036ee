package org.aquaticjava.loadtest.http;

import org.aquaticjava.loadtest.LoadTestResult;

/** The outcome of an http run: the request counts plus the connection and refusal statistics. */
public record HttpRunResult(LoadTestResult load, HttpConnectionStats connections) {}
