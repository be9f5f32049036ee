package org.aquaticjava.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.aquaticjava.netty.ProtocolTracker;

/** An address family a test client talks to a tracker over, on loopback. */
public enum LoopbackFamily {
  IPV4("127.0.0.1"),
  IPV6("::1");

  private final InetAddress loopback;

  LoopbackFamily(String literal) {
    loopback = InetAddress.ofLiteral(literal);
  }

  public InetAddress loopback() {
    return loopback;
  }

  /** The tracker's listener of this family; an AssertionError if it has none. */
  public InetSocketAddress of(ProtocolTracker tracker) {
    return (this == IPV4 ? tracker.localAddressIpv4() : tracker.localAddressIpv6())
        .orElseThrow(() -> new AssertionError(this + " socket not bound"));
  }

  /** The {@code ip_version} metric label. */
  public String ipVersion() {
    return this == IPV4 ? "4" : "6";
  }

  /** Bytes of one compact peer of this family (BEP 23 / BEP 15, BEP 7): address and port. */
  public int peerLength() {
    return this == IPV4 ? 6 : 18;
  }

  /** The HTTP announce response's key of this family's compact peers (BEP 23, BEP 7). */
  public String peersKey() {
    return this == IPV4 ? "peers" : "peers6";
  }

  /** The other family's key: a response must not carry it. */
  public String otherPeersKey() {
    return this == IPV4 ? "peers6" : "peers";
  }

  /** Whether this machine has this loopback (containers without IPv6 do not). */
  public boolean isAvailable() {
    try (DatagramSocket _ = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Skips the running test, with the reason, when this loopback is missing. */
  public void assumeAvailable() {
    assumeTrue(isAvailable(), () -> this + " loopback unavailable here");
  }
}
