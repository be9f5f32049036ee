/**
 * Test support shared by unit tests, integration tests and the load tester (the golden files and
 * their loader are the module aquatic-golden, which this one depends on): a blocking loopback UDP
 * tracker client ({@link
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
