package org.aquaticjava.loadtest.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.aquaticjava.loadtest.PeerPool;
import org.junit.jupiter.api.Test;

class WsIdsTest {
  @Test
  void peerIdsDecodeToTheirIndex() {
    final byte[] id = new byte[20];
    PeerPool.writePeerId(4711, id, 0);
    assertThat(WsIds.peerIndexOf(id)).isEqualTo(4711);
    id[0] = 'x';
    assertThat(WsIds.peerIndexOf(id)).isEqualTo(-1);
    assertThat(WsIds.peerIndexOf("-AJ0100-00000000001x".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(-1);
  }

  @Test
  void offerIdsNameTheirOffererAndDiffer() {
    final byte[] first = new byte[20];
    final byte[] second = new byte[20];
    WsIds.writeOfferId(12, 99, first);
    WsIds.writeOfferId(12, 100_000_099L, second); // the counter wraps modulo 10^8
    assertThat(new String(first, StandardCharsets.US_ASCII)).isEqualTo("00000000001200000099");
    assertThat(second).isEqualTo(first);
    assertThat(WsIds.offererOf(first)).isEqualTo(12);
    first[19] = '"';
    assertThat(WsIds.offererOf(first)).isEqualTo(-1);
  }
}
