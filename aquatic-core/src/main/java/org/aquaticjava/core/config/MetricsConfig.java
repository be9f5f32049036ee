package org.aquaticjava.core.config;

/** The {@code [metrics]} section, shared by every protocol. */
@Doc("Prometheus metrics endpoint.")
public record MetricsConfig(
    @Doc("Serve Prometheus metrics over HTTP at /metrics.") boolean runPrometheusEndpoint,
    @Doc("Address and port of the metrics endpoint.") @SocketAddressKey
        String prometheusEndpointAddress) {

  public static final MetricsConfig DEFAULTS = new MetricsConfig(false, "0.0.0.0:9000");
}
