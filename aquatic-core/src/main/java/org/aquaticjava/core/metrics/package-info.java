/**
 * Prometheus metrics shared by every tracker: one registry per tracker instance, JVM and process
 * gauges, access-list metrics, and {@link org.aquaticjava.core.metrics.DistinctErrorLog} for
 * rate-limited logging of bad input. Protocol-specific counters are created by each server and
 * should cache their data points at start-up.
 */
@NullMarked
package org.aquaticjava.core.metrics;

import org.jspecify.annotations.NullMarked;
