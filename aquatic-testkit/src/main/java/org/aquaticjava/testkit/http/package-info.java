/**
 * HTTP tracker test clients: {@link org.aquaticjava.testkit.http.HttpTestClient} over the JDK
 * HTTP client (HTTP and HTTPS) and {@link org.aquaticjava.testkit.http.RawHttpConnection} over a
 * plain socket for malformed, pipelined and slow requests. Loopback use only, every call bounded
 * in time.
 */
@NullMarked
package org.aquaticjava.testkit.http;

import org.jspecify.annotations.NullMarked;
