package org.aquaticjava.core.connid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConnectionIdValidatorTest {
  private static final int MAX_AGE = 120;
  private static final int GRACE = 180;
  private static final int IP = 0x7f000001; // 127.0.0.1
  private static final int OTHER_IP = 0x7f000002;
  private static final long V6_HI = 0x2001_0db8_0000_0000L;
  private static final long V6_LO = 0x0000_0000_0000_0001L;
  private static final int NOW = 1_000;

  private final ConnectionIdValidator validator = new ConnectionIdValidator(MAX_AGE, GRACE);

  @Test
  void acceptsItsOwnIdFromTheSameIpv4Address() {
    final long id = validator.issue(IP, NOW);
    assertThat(validator.validate(id, IP, NOW)).isEqualTo(ConnectionIdValidity.VALID);
    assertThat(id >>> 32).as("issue time in the high half").isEqualTo(NOW);
  }

  @Test
  void acceptsItsOwnIdFromTheSameIpv6Address() {
    final long id = validator.issue(V6_HI, V6_LO, NOW);
    assertThat(validator.validate(id, V6_HI, V6_LO, NOW)).isEqualTo(ConnectionIdValidity.VALID);
  }

  @Test
  void rejectsIdUsedFromAnotherAddress() {
    assertThat(validator.validate(validator.issue(IP, NOW), OTHER_IP, NOW))
        .isEqualTo(ConnectionIdValidity.FORGED);
    assertThat(validator.validate(validator.issue(V6_HI, V6_LO, NOW), V6_HI, V6_LO + 1, NOW))
        .isEqualTo(ConnectionIdValidity.FORGED);
    assertThat(validator.validate(validator.issue(V6_HI, V6_LO, NOW), V6_HI ^ 1L << 63, V6_LO, NOW))
        .isEqualTo(ConnectionIdValidity.FORGED);
  }

  @Test
  void treatsIpv4MappedIpv6AsTheIpv4Address() {
    final long mappedLo = 0x0000_ffff_0000_0000L | IP;
    assertThat(validator.validate(validator.issue(IP, NOW), 0, mappedLo, NOW))
        .isEqualTo(ConnectionIdValidity.VALID);
    assertThat(validator.validate(validator.issue(0, mappedLo, NOW), IP, NOW))
        .isEqualTo(ConnectionIdValidity.VALID);
  }

  @Test
  void doesNotConfuseIpv4WithAnIpv6AddressOfTheSameBits() {
    // ::7f00:1 (IPv4-compatible, not mapped) is a different address from 127.0.0.1.
    assertThat(validator.validate(validator.issue(IP, NOW), 0, IP, NOW))
        .isEqualTo(ConnectionIdValidity.FORGED);
  }

  @Test
  void rejectsIdsOfAnotherProcess() {
    final ConnectionIdValidator other = new ConnectionIdValidator(MAX_AGE, GRACE);
    assertThat(other.validate(validator.issue(IP, NOW), IP, NOW))
        .isEqualTo(ConnectionIdValidity.FORGED);
    assertThat(other.validate(validator.issue(V6_HI, V6_LO, NOW), V6_HI, V6_LO, NOW))
        .isEqualTo(ConnectionIdValidity.FORGED);
  }

  @Test
  void staysValidUntilMaxAgePlusGraceThenExpires() {
    final long id = validator.issue(IP, NOW);
    final int lastValidSecond = NOW + MAX_AGE + GRACE - 1;
    assertThat(validator.validate(id, IP, NOW + MAX_AGE)).isEqualTo(ConnectionIdValidity.VALID);
    assertThat(validator.validate(id, IP, lastValidSecond)).isEqualTo(ConnectionIdValidity.VALID);
    assertThat(validator.validate(id, IP, lastValidSecond + 1))
        .isEqualTo(ConnectionIdValidity.EXPIRED);
    assertThat(validator.validate(id, IP, Integer.MAX_VALUE))
        .isEqualTo(ConnectionIdValidity.EXPIRED);
  }

  @Test
  void expiresAtMaxAgeWhenThereIsNoGrace() {
    final ConnectionIdValidator strict = ConnectionIdValidator.withKey(1, 2, MAX_AGE, 0);
    final long id = strict.issue(IP, NOW);
    assertThat(strict.validate(id, IP, NOW + MAX_AGE - 1)).isEqualTo(ConnectionIdValidity.VALID);
    assertThat(strict.validate(id, IP, NOW + MAX_AGE)).isEqualTo(ConnectionIdValidity.EXPIRED);
  }

  @Test
  void acceptsIdsUpToSixtySecondsInTheFutureAndNoFurther() {
    final int issued = NOW + ConnectionIdValidator.MAX_FUTURE_SECONDS;
    assertThat(validator.validate(validator.issue(IP, issued), IP, NOW))
        .isEqualTo(ConnectionIdValidity.VALID);
    assertThat(validator.validate(validator.issue(IP, issued + 1), IP, NOW))
        .isEqualTo(ConnectionIdValidity.FROM_FUTURE);
  }

  @Test
  void rejectsAnAuthenticFarFutureIdSoThatItCannotLiveForever() {
    // What a successful brute force of one MAC with issued = u32::MAX would look like.
    final long id = validator.issue(IP, -1); // issued = 0xffffffff
    assertThat(validator.validate(id, IP, NOW)).isEqualTo(ConnectionIdValidity.FROM_FUTURE);
    assertThat(validator.validate(id, IP, 0)).isEqualTo(ConnectionIdValidity.FROM_FUTURE);
  }

  @Test
  void rejectsEverySingleBitFlip() {
    final long v4 = validator.issue(IP, NOW);
    final long v6 = validator.issue(V6_HI, V6_LO, NOW);
    for (int bit = 0; bit < 64; bit++) {
      final long flip = 1L << bit;
      assertThat(validator.validate(v4 ^ flip, IP, NOW))
          .as("IPv4 bit %d", bit)
          .isNotEqualTo(ConnectionIdValidity.VALID);
      assertThat(validator.validate(v6 ^ flip, V6_HI, V6_LO, NOW))
          .as("IPv6 bit %d", bit)
          .isNotEqualTo(ConnectionIdValidity.VALID);
    }
  }

  @Test
  void acceptsRoundTripsForRandomAddressesAndTimes() {
    final SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      final int ip = random.nextInt();
      final int issued = random.nextInt(0, Integer.MAX_VALUE - MAX_AGE - GRACE);
      final int now = issued + random.nextInt(0, MAX_AGE + GRACE);
      assertThat(validator.validate(validator.issue(ip, issued), ip, now))
          .isEqualTo(ConnectionIdValidity.VALID);
      final long hi = random.nextLong();
      final long lo = random.nextLong();
      assertThat(validator.validate(validator.issue(hi, lo, issued), hi, lo, now))
          .isEqualTo(ConnectionIdValidity.VALID);
    }
  }

  @Test
  void isDeterministicForAFixedKey() {
    final ConnectionIdValidator a = ConnectionIdValidator.withKey(7, 9, MAX_AGE, GRACE);
    final ConnectionIdValidator b = ConnectionIdValidator.withKey(7, 9, MAX_AGE, GRACE);
    assertThat(a.issue(IP, NOW)).isEqualTo(b.issue(IP, NOW));
    assertThat(ConnectionIdValidator.withKey(7, 10, MAX_AGE, GRACE).issue(IP, NOW))
        .isNotEqualTo(a.issue(IP, NOW));
  }

  @Test
  void labelsAreLowerCaseNames() {
    assertThat(ConnectionIdValidity.FROM_FUTURE.label()).isEqualTo("from_future");
    assertThat(ConnectionIdValidity.VALID.label()).isEqualTo("valid");
  }
}
