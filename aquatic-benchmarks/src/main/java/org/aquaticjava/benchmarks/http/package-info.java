/**
 * Benchmarks of the HTTP tracker: the JMH hot-path benchmark through the real {@code
 * HttpRequestProcessor} (request target in, bencoded body out), and its parser and response writer
 * on their own.
 */
@NullMarked
package org.aquaticjava.benchmarks.http;

import org.jspecify.annotations.NullMarked;
