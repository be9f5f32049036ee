/**
 * Benchmarks of the UDP tracker: the JMH hot-path benchmark through the real {@code
 * UdpRequestProcessor}, and a small launcher that starts the real tracker for the side-by-side
 * load-test scripts under {@code bench/}.
 */
@NullMarked
package org.aquaticjava.benchmarks.udp;

import org.jspecify.annotations.NullMarked;
