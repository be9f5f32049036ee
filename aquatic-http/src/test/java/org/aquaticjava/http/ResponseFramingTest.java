package org.aquaticjava.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.aquaticjava.http.ResponseFraming.Connection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResponseFramingTest {

  @ParameterizedTest
  @EnumSource(Connection.class)
  void writesTheHeadJustInFrontOfTheBody(Connection connection) {
    final ByteBuf buf = ResponseFraming.allocate(UnpooledByteBufAllocator.DEFAULT, 16);
    try {
      buf.writeCharSequence("d14:failure reason2:noe", StandardCharsets.US_ASCII);

      ResponseFraming.frame(buf, HttpStatus.OK, connection);

      final String connectionLine =
          switch (connection) {
            case DEFAULT -> "";
            case CLOSE -> "Connection: close\r\n";
            case KEEP_ALIVE -> "Connection: keep-alive\r\n";
          };
      assertThat(buf.toString(StandardCharsets.US_ASCII))
          .isEqualTo(
              "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 23\r\n"
                  + connectionLine
                  + "\r\nd14:failure reason2:noe");
    } finally {
      buf.release();
    }
  }

  @ParameterizedTest
  @EnumSource(HttpStatus.class)
  void theLongestHeadFitsTheHeadRoom(HttpStatus status) {
    final ByteBuf buf = ResponseFraming.allocate(UnpooledByteBufAllocator.DEFAULT, 0);
    try {
      buf.writeZero(1_000_000_000 / 1000); // a body with a 9-digit length would need more; 1 MB here
      ResponseFraming.frame(buf, status, Connection.KEEP_ALIVE);

      assertThat(buf.readerIndex()).isPositive();
      assertThat(buf.toString(0, 20, StandardCharsets.US_ASCII)).doesNotContain("HTTP");
    } finally {
      buf.release();
    }
  }
}
