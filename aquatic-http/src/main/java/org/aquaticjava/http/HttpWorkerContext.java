package org.aquaticjava.http;

import org.aquaticjava.core.limit.SourceLimits;
import org.aquaticjava.core.metrics.WorkerLog;
import org.aquaticjava.core.time.ServerClock;
import org.aquaticjava.core.worker.Stopping;
import org.aquaticjava.netty.ConnectionGate;
import org.jspecify.annotations.Nullable;

/**
 * What the connections of one socket worker (one event loop) share: the request processor with its
 * scratch objects, the worker's metrics and log, and the tracker-wide settings and state. Touched
 * only on that event loop, except the thread-safe {@link ConnectionGate} and {@link Stopping}.
 *
 * @param sourceLimits the per-source request limit of this worker ({@code [rate_limit]
 *     http_requests}), keyed by the client address each request is served for
 * @param proxies the trusted proxy networks, or null when reverse-proxy mode is off
 * @param lifecycle whether the tracker is stopping: requests then get a BEP 31 retry answer and a
 *     close
 */
record HttpWorkerContext(
    HttpRequestProcessor processor,
    HttpMetrics.Worker metrics,
    WorkerLog log,
    ServerClock clock,
    HttpConfig.Limits limits,
    boolean keepAlive,
    @Nullable TrustedProxies proxies,
    ReverseProxyHeader proxyHeader,
    ConnectionGate gate,
    SourceLimits sourceLimits,
    Stopping lifecycle) {
}
