/**
 * {@code aquatic-load-test http}: HTTP tracker load over Netty TCP connections (epoll, else NIO),
 * keep-alive or one connection per request, one request in flight per connection, request bytes
 * written by hand with the client side of {@code aquatic-http-protocol}, and every reply checked
 * (status, bencode, required keys, or a failure reason counted by message).
 *
 * <p>{@link org.aquaticjava.loadtest.http.HttpLoadTest#run} is the in-process entry point for
 * tests.
 */
@NullMarked
package org.aquaticjava.loadtest.http;

import org.jspecify.annotations.NullMarked;
