/**
 * Test support shared by unit tests, integration tests and the load tester: byte-exact golden
 * files ({@link org.aquaticjava.testkit.Golden}) and a blocking loopback UDP tracker client
 * ({@link org.aquaticjava.testkit.UdpTestClient}). Nothing here is used in production code.
 */
package org.aquaticjava.testkit;
