/**
 * Servers started for end-to-end measurements under the load tester ({@code aquatic-load-test}),
 * bound to loopback only.
 */
package org.aquaticjava.benchmarks.udp;
