package org.aquaticjava.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What other clients send is accepted (aquatic #14) and errors keep action and info hash (#15). */
class LeniencyTest {
  private static final String IDS = "\"info_hash\":\"abcdefghijklmnopqrst\",\"peer_id\":\"ABCDEFGHIJKLMNOPQRST\"";
  private final WsRequestParser reader = new WsRequestParser(ReadLimits.DEFAULTS);
  private final WsRequest in = reader.newMessage();

  private WsParseOutcome read(String json) {
    final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return reader.parse(bytes, 0, bytes.length, in);
  }

  @Test
  void unknownEmptyAndRegularEventsAreUpdates() {
    for (String event : new String[] {"\"<regular>\"", "\"\"", "\"paused\"", "null", "7", "\"STARTED\""}) {
      assertThat(read("{\"action\":\"announce\"," + IDS + ",\"event\":" + event + "}")).isEqualTo(WsParseOutcome.ANNOUNCE);
      assertThat(in.event()).isEqualTo(WsAnnounceEvent.UPDATE);
    }
    assertThat(read("{\"action\":\"announce\"," + IDS + ",\"event\":\"completed\"}")).isEqualTo(WsParseOutcome.ANNOUNCE);
    assertThat(in.event()).isEqualTo(WsAnnounceEvent.COMPLETED);
  }

  @Test
  void negativeFractionalNullAndMissingLeftAreUnknown() {
    for (String left : new String[] {",\"left\":-1", ",\"left\":0.5", ",\"left\":null", ",\"left\":\"5\"", ""}) {
      assertThat(read("{\"action\":\"announce\"," + IDS + left + "}")).isEqualTo(WsParseOutcome.ANNOUNCE);
      assertThat(in.left()).isEqualTo(WsRequest.LEFT_UNKNOWN);
    }
    assertThat(read("{\"action\":\"announce\"," + IDS + ",\"left\":0}")).isEqualTo(WsParseOutcome.ANNOUNCE);
    assertThat(in.left()).isZero();
  }

  @Test
  void extraFieldsOfAnyShapeAreSkippedAndActionMayComeLast() {
    assertThat(read("{\"uploaded\":0,\"x\":{\"y\":[1,{\"z\":null}],\"w\":\"s\"},\"trackerid\":\"t\"," + IDS
        + ",\"offers\":[],\"action\":\"announce\"}")).isEqualTo(WsParseOutcome.ANNOUNCE);
    assertThat(in.peerId()).isEqualTo("ABCDEFGHIJKLMNOPQRST".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void scrapeWithoutHashesIsAFullScrapeForTheTrackerToRefuse() {
    for (String hashes : new String[] {"", ",\"info_hash\":null", ",\"info_hash\":[]"}) {
      assertThat(read("{\"action\":\"scrape\"" + hashes + "}")).isEqualTo(WsParseOutcome.SCRAPE);
      assertThat(in.fullScrape()).isTrue();
    }
  }

  @Test
  void scrapeIgnoresBrokenAnnounceOnlyFields() {
    assertThat(read("{\"peer_id\":1,\"offers\":7,\"action\":\"scrape\",\"info_hash\":\"abcdefghijklmnopqrst\"}"))
        .isEqualTo(WsParseOutcome.SCRAPE);
    assertThat(in.scrapeHashCount()).isEqualTo(1);
  }

  @Test
  void errorsKeepActionAndInfoHashWhereverTheyAre() {
    assertThat(read("{\"peer_id\":\"short\",\"info_hash\":\"abcdefghijklmnopqrst\",\"action\":\"announce\"}"))
        .isEqualTo(WsParseOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.INVALID_PEER_ID);
    assertThat(in.action()).isEqualTo(MessageAction.ANNOUNCE);
    assertThat(in.infoHashKnown()).isTrue();

    assertThat(read("{\"info_hash\":\"abcdefghijklmnopqrst\",\"action\":\"announce\",\"offers\":[{\"offer\":{}}"))
        .isEqualTo(WsParseOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.MALFORMED_JSON);
    assertThat(in.action()).isEqualTo(MessageAction.ANNOUNCE);
    assertThat(in.infoHashKnown()).isTrue();

    assertThat(read("{" + IDS + "}")).isEqualTo(WsParseOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.MISSING_ACTION);
    assertThat(read("{\"action\":\"stats\"," + IDS + "}")).isEqualTo(WsParseOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.UNKNOWN_ACTION);
    assertThat(in.infoHashKnown()).isTrue();
  }

  @Test
  void offersThatCannotBeRelayedAreSkippedAndCountedButTheAnnounceStands() {
    // What the reference client's own test suite sends (npm bittorrent-tracker, test/client.js).
    assertThat(read("{\"action\":\"announce\"," + IDS + ",\"offers\":[{\"fake_offer\":\"fake_offer_0\"}]}"))
        .isEqualTo(WsParseOutcome.ANNOUNCE);
    assertThat(in.offerCount()).isZero();
    assertThat(in.offersSkipped(OfferSkip.NO_SDP)).isEqualTo(1);

    final String good = "{\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"offer_id\":\"abcdefghijklmnopqrst\"}";
    assertThat(read("{\"action\":\"announce\"," + IDS + ",\"offers\":[7,\"x\",null," + good
            + ",{\"offer\":{\"sdp\":\"v=0\"}},{\"offer\":{\"sdp\":\"v=0\"},\"offer_id\":\"short\"}"
            + ",{\"offer\":{\"sdp\":\"" + "x".repeat(16_383) + "\"},\"offer_id\":\"abcdefghijklmnopqrst\"}"
            + ",{\"offer\":\"v=0\",\"offer_id\":\"abcdefghijklmnopqrst\"}]}"))
        .isEqualTo(WsParseOutcome.ANNOUNCE);
    assertThat(in.offerCount()).isEqualTo(1);
    assertThat(in.offerSdpLength(0)).isEqualTo("\"v=0\"".length());
    assertThat(in.offersSkipped(OfferSkip.NOT_AN_OBJECT)).isEqualTo(3);
    assertThat(in.offersSkipped(OfferSkip.NO_OFFER_ID)).isEqualTo(2);
    assertThat(in.offersSkipped(OfferSkip.SDP_TOO_LARGE)).isEqualTo(1);
    assertThat(in.offersSkipped(OfferSkip.NO_SDP)).isEqualTo(1);

    assertThat(read("{\"action\":\"announce\"," + IDS + ",\"offers\":{\"a\":1}}")).isEqualTo(WsParseOutcome.ANNOUNCE);
    assertThat(in.offersSkipped(OfferSkip.NOT_A_LIST)).isEqualTo(1);
    assertThat(read("{\"action\":\"announce\"," + IDS + ",\"offers\":[" + good + "]}")).isEqualTo(WsParseOutcome.ANNOUNCE);
    assertThat(in.offersSkipped(OfferSkip.NOT_A_LIST) + in.offersSkipped(OfferSkip.NO_SDP))
        .as("counts are per message").isZero();
  }

  @Test
  void whatIsNotAnAnnounceIsStillRefusedWhateverItsOffers() {
    assertThat(read("{\"action\":\"announce\",\"info_hash\":\"abcdefghijklmnopqrst\",\"offers\":[{\"fake_offer\":1}]}"))
        .isEqualTo(WsParseOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.MISSING_PEER_ID);
    assertThat(read("{\"action\":\"announce\"," + IDS + ",\"offers\":[{\"fake_offer\":1}")).isEqualTo(WsParseOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.MALFORMED_JSON);
  }

  @Test
  void answerNeedsItsTargetAndOfferId() {
    assertThat(read("{\"action\":\"announce\"," + IDS + ",\"answer\":{\"type\":\"answer\",\"sdp\":\"x\"}}"))
        .isEqualTo(WsParseOutcome.ERROR);
    assertThat(in.error()).isEqualTo(ReadError.INCOMPLETE_ANSWER);
  }
}
