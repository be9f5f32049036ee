package org.aquaticjava.http;

import java.util.Locale;

/**
 * Why a connection was closed (or, for backpressure, paused) by a limit (aquatic_http_limits_hit_total{reason}). Constant names in
 * lower case are the metric labels: never rename a released one.
 */
enum LimitReason {
  /** Netty could not parse the request as HTTP (status 400). */
  MALFORMED_REQUEST,
  /** Request line over limits.max_request_line_length (status 414). */
  REQUEST_LINE_TOO_LONG,
  /** Header lines over limits.max_header_bytes (status 431). */
  HEADERS_TOO_LARGE,
  /** More header lines than limits.max_headers (status 431). */
  TOO_MANY_HEADERS,
  /** A body over limits.max_request_body_size (status 413, or a close mid-body). */
  BODY_TOO_LARGE,
  /** A request head not complete within limits.request_timeout_ms (closed, no answer). */
  REQUEST_TIMEOUT,
  /** No traffic for limits.max_connection_idle seconds (closed). */
  IDLE_TIMEOUT,
  /** limits.max_connections open already (closed at accept). */
  MAX_CONNECTIONS,
  /** Nothing received within limits.first_byte_timeout_ms of accept (closed). */
  FIRST_BYTE_TIMEOUT,
  /**
   * Unsent responses over limits.write_buffer_size or limits.max_pipelined_requests: reading
   * paused until they are sent (not closed; counted once per pause).
   */
  BACKPRESSURE,
  /** Paused by backpressure and not drained within limits.drain_timeout_ms (closed). */
  DRAIN_TIMEOUT,
  /** Direct memory ran out while serving the connection (closed; the tracker serves on). */
  ALLOCATION_FAILURE;

  private final String label = name().toLowerCase(Locale.ROOT);

  String label() {
    return label;
  }
}
