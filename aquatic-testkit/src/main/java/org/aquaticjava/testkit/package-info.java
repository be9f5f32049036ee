/**
 * Test support shared by unit tests, integration tests and the load tester: byte-exact golden
 * files ({@link org.aquaticjava.testkit.Golden}), a blocking loopback UDP tracker client ({@link
 * org.aquaticjava.testkit.UdpTestClient}), metric reads ({@link
 * org.aquaticjava.testkit.MetricValues}) and the hygiene check run after every test of a tracker
 * module: Netty leak detection ({@link org.aquaticjava.testkit.RecordingLeakDetector}, {@link
 * org.aquaticjava.testkit.TrackerHygieneExtension}, proven by {@link
 * org.aquaticjava.testkit.LeakDetectionContract}) and recorded worker deaths ({@link
 * org.aquaticjava.testkit.WorkerDeaths}). Nothing here is used in production code.
 */
@NullMarked
package org.aquaticjava.testkit;

import org.jspecify.annotations.NullMarked;
