package org.aquaticjava.udp.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of both parsers with Jazzer. The module's surefire configuration sets
 * {@code JAZZER_FUZZ=1}, so every {@code verify} fuzzes for a bounded time; the generated corpus
 * and any crash files go under {@code target/} ({@code jazzer.internal.basedir}). Without that
 * variable (e.g. from an IDE) the test only replays its seed inputs.
 *
 * <p>A finding is any exception, or a broken {@link ParseInvariants} assertion: an ANNOUNCE
 * shorter than 98 bytes, a SCRAPE over the limit, an ERROR without the request's ids, and so on.
 */
class UdpParsersFuzzTest {
  private final UdpRequestParser parser = new UdpRequestParser(3);
  private final UdpRequest request = new UdpRequest();
  private final UdpResponse response = new UdpResponse();

  @FuzzTest(maxDuration = "15s")
  void parsersHoldTheirInvariantsOnAnyBytes(byte[] datagram) {
    ParseInvariants.check(parser, request, datagram);
    ParseInvariants.checkResponse(datagram, AddressFamily.IPV4, response);
    ParseInvariants.checkResponse(datagram, AddressFamily.IPV6, response);
  }
}
