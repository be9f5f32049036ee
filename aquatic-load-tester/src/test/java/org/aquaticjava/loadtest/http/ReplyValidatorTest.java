package org.aquaticjava.loadtest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.aquaticjava.loadtest.http.ReplyValidator.Verdict;
import org.junit.jupiter.api.Test;

class ReplyValidatorTest {
  private final ReplyValidator validator = new ReplyValidator();

  private static ByteBuf body(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
  }

  private Verdict announce(String body, int numWant) {
    return validator.check(200, body(body), ReplyKind.ANNOUNCE, numWant, 0);
  }

  private Verdict scrape(String body, int distinct) {
    return validator.check(200, body(body), ReplyKind.SCRAPE, 0, distinct);
  }

  @Test
  void announceNeedsCountsIntervalAndWholeCompactPeers() {
    assertThat(announce("d8:completei1e10:incompletei2e8:intervali60e5:peers6:abcdefe", 1))
        .isEqualTo(Verdict.VALID);
    assertThat(announce("d8:completei1e10:incompletei2e8:intervali60e6:peers60:e", 1))
        .isEqualTo(Verdict.VALID);
    // Too many peers for numwant 1; -1 accepts any number.
    final String twoPeers = "d8:completei1e10:incompletei2e8:intervali60e5:peers12:abcdefabcdefe";
    assertThat(announce(twoPeers, 1)).isEqualTo(Verdict.MALFORMED);
    assertThat(announce(twoPeers, -1)).isEqualTo(Verdict.VALID);
    // Broken peer string, missing peers, missing interval, negative count.
    assertThat(announce("d8:completei1e10:incompletei2e8:intervali60e5:peers5:abcdee", 5))
        .isEqualTo(Verdict.MALFORMED);
    assertThat(announce("d8:completei1e10:incompletei2e8:intervali60ee", 5))
        .isEqualTo(Verdict.MALFORMED);
    assertThat(announce("d8:completei1e10:incompletei2e5:peers0:e", 5))
        .isEqualTo(Verdict.MALFORMED);
    assertThat(announce("d8:completei-1e10:incompletei2e8:intervali60e5:peers0:e", 5))
        .isEqualTo(Verdict.MALFORMED);
  }

  @Test
  void badBencodeIsMalformed() {
    assertThat(announce("", 5)).isEqualTo(Verdict.MALFORMED);
    assertThat(announce("le", 5)).isEqualTo(Verdict.MALFORMED);
    assertThat(announce("d8:completei1e", 5)).isEqualTo(Verdict.MALFORMED);
    assertThat(announce("<html>busy</html>", 5)).isEqualTo(Verdict.MALFORMED);
    // Keys out of order are not bencode (opentracker's multi-hash scrapes look like this).
    assertThat(scrape("d5:filesd20:bbbbbbbbbbbbbbbbbbbbd8:completei0e10:incompletei0ee"
            + "20:aaaaaaaaaaaaaaaaaaaad8:completei0e10:incompletei0eeee", 2))
        .isEqualTo(Verdict.MALFORMED);
  }

  @Test
  void scrapeHasAtMostOneEntryPerDistinctHash() {
    final String one = "d5:filesd20:aaaaaaaaaaaaaaaaaaaad8:completei0e10:incompletei3eeee";
    assertThat(scrape(one, 1)).isEqualTo(Verdict.VALID);
    assertThat(scrape("d5:filesdee", 3)).isEqualTo(Verdict.VALID);
    assertThat(scrape(one, 0)).isEqualTo(Verdict.MALFORMED);
    assertThat(scrape("d5:filesd3:abcd8:completei0e10:incompletei3eeee", 1))
        .isEqualTo(Verdict.MALFORMED);
    assertThat(scrape("d5:filesi3ee", 1)).isEqualTo(Verdict.MALFORMED);
  }

  @Test
  void failureReasonsAndErrorStatusesAreErrorsWithTheirMessage() {
    assertThat(announce("d14:failure reason12:not allowed!e", 5)).isEqualTo(Verdict.ERROR);
    assertThat(new String(validator.errorMessage(), StandardCharsets.UTF_8)).isEqualTo("not allowed!");
    assertThat(validator.check(503, body(""), ReplyKind.SCRAPE, 0, 1)).isEqualTo(Verdict.ERROR);
    assertThat(new String(validator.errorMessage(), StandardCharsets.UTF_8))
        .isEqualTo("HTTP status 503");
  }

  @Test
  void aRateLimited429CarriesItsFailureReasonAndRetryIn() {
    final ReplyValidator validator = new ReplyValidator();
    final String limited = "d14:failure reason15:too many, later12:min intervali60e8:retry ini1ee";
    assertThat(validator.check(429, body(limited), ReplyKind.ANNOUNCE, 50, 0))
        .isEqualTo(ReplyValidator.Verdict.ERROR);
    assertThat(new String(validator.errorMessage(), StandardCharsets.US_ASCII))
        .isEqualTo("HTTP status 429: too many, later");
    assertThat(validator.errorHasRetryIn()).isTrue();

    final String shed = "d14:failure reason10:overloaded8:retry ini5ee";
    assertThat(validator.check(200, body(shed), ReplyKind.SCRAPE, 50, 1))
        .isEqualTo(ReplyValidator.Verdict.ERROR);
    assertThat(validator.errorHasRetryIn()).isTrue();

    assertThat(validator.check(200, body("d14:failure reason4:nopee"), ReplyKind.SCRAPE, 50, 1))
        .isEqualTo(ReplyValidator.Verdict.ERROR);
    assertThat(validator.errorHasRetryIn()).isFalse();
    assertThat(validator.check(503, body("<html>"), ReplyKind.SCRAPE, 50, 1))
        .isEqualTo(ReplyValidator.Verdict.ERROR);
    assertThat(new String(validator.errorMessage(), StandardCharsets.US_ASCII))
        .isEqualTo("HTTP status 503");
  }
}
