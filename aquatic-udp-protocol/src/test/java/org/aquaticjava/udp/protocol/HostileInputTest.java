package org.aquaticjava.udp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * aquatic's all-lengths idea, widened: every prefix of every request shape, seeded random bytes and
 * seeded random mutations of valid requests go through both parsers, which must never throw and
 * must agree with {@link ParseInvariants}. Golden-file prefixes are swept in aquatic-testkit.
 */
class HostileInputTest {
  private static final int RANDOM_DATAGRAMS = 20_000;
  private final UdpRequestParser parser = new UdpRequestParser(5);
  private final UdpRequest slot = new UdpRequest();
  private final UdpResponse response = new UdpResponse();
  private final SplittableRandom random = new SplittableRandom(41);

  private static List<byte[]> validRequests() {
    final List<byte[]> requests = new ArrayList<>();
    requests.add(Requests.connectBytes());
    requests.add(Requests.announceBytes(Requests.announce()));
    requests.add(Requests.announceBytes(Requests.announce().withUrlData(new byte[300])));
    requests.add(Requests.scrapeBytes(1));
    requests.add(Requests.scrapeBytes(9));
    return requests;
  }

  @Test
  void everyPrefixOfEveryRequestShapeParsesWithoutThrowing() {
    for (byte[] request : validRequests()) {
      final EnumSet<UdpParseOutcome> seen = EnumSet.noneOf(UdpParseOutcome.class);
      for (int length = 0; length <= request.length; length++) {
        seen.add(ParseInvariants.check(parser, slot, Arrays.copyOf(request, length)));
        ParseInvariants.checkResponse(Arrays.copyOf(request, length), AddressFamily.IPV4, response);
      }
      assertThat(seen).contains(UdpParseOutcome.DROP);
      assertThat(ParseInvariants.check(parser, slot, request)).isNotIn(UdpParseOutcome.DROP, UdpParseOutcome.ERROR);
    }
  }

  @Test
  void randomBytesParseWithoutThrowing() {
    for (int n = 0; n < RANDOM_DATAGRAMS; n++) {
      final byte[] datagram = new byte[random.nextInt(0, 400)];
      random.nextBytes(datagram);
      if (datagram.length >= 12 && random.nextBoolean()) {
        datagram[11] = (byte) random.nextInt(0, 4); // reach the action branches often
        Arrays.fill(datagram, 8, 11, (byte) 0);
      }
      ParseInvariants.check(parser, slot, datagram);
      ParseInvariants.checkResponse(datagram, AddressFamily.IPV4, response);
      ParseInvariants.checkResponse(datagram, AddressFamily.IPV6, response);
    }
  }

  @Test
  void mutatedValidRequestsParseWithoutThrowing() {
    final List<byte[]> requests = validRequests();
    final EnumSet<UdpParseOutcome> seen = EnumSet.noneOf(UdpParseOutcome.class);
    for (int n = 0; n < RANDOM_DATAGRAMS; n++) {
      final byte[] base = requests.get(random.nextInt(requests.size()));
      final byte[] datagram = Arrays.copyOf(base, Math.max(0, base.length + random.nextInt(-20, 40)));
      for (int flips = random.nextInt(1, 6); flips > 0; flips--) {
        if (datagram.length > 0) {
          datagram[random.nextInt(datagram.length)] = (byte) random.nextInt();
        }
      }
      seen.add(ParseInvariants.check(parser, slot, datagram));
    }
    assertThat(seen).containsAll(EnumSet.allOf(UdpParseOutcome.class));
  }
}
