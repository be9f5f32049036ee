package org.aquaticjava.http;

import org.aquaticjava.testkit.LeakDetectionContract;

/** Proves, in this module's test JVM, that the leak check behind each of its tests can fail. */
class LeakDetectionSelfTest extends LeakDetectionContract {}
