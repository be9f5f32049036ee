package org.aquaticjava.udp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteBufCopyTest {
  private static final int SIZE = 64;

  private static ByteBuf[] randomBuffers() {
    final byte[] content = new byte[SIZE];
    final SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < SIZE; i++) {
      content[i] = (byte) random.nextInt(256);
    }
    final ByteBuf direct = new UnpooledDirectByteBuf(UnpooledByteBufAllocator.DEFAULT, SIZE, SIZE);
    return new ByteBuf[] {Unpooled.wrappedBuffer(content), direct.writeBytes(content)};
  }

  @Test
  void copiesEveryRangeLikeGetBytesAndLeavesTheRestAlone() {
    for (ByteBuf src : randomBuffers()) {
      src.readerIndex(3);
      for (int index = 0; index < 12; index++) {
        for (int length = 0; length <= SIZE - index; length++) {
          final byte[] expected = new byte[SIZE + 2];
          final byte[] actual = new byte[SIZE + 2];
          Arrays.fill(expected, (byte) 0x5A);
          Arrays.fill(actual, (byte) 0x5A);
          src.getBytes(index, expected, 1, length);
          ByteBufCopy.copy(src, index, actual, 1, length);
          assertThat(actual).as("index %d length %d", index, length).isEqualTo(expected);
        }
      }
      assertThat(src.readerIndex()).isEqualTo(3);
      src.release();
    }
  }

  @Test
  void outOfBoundsRangesThrowLikeGetBytes() {
    for (ByteBuf src : randomBuffers()) {
      assertThatThrownBy(() -> ByteBufCopy.copy(src, SIZE - 19, new byte[20], 0, 20))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> ByteBufCopy.copy(src, 0, new byte[20], 1, 20))
          .isInstanceOf(IndexOutOfBoundsException.class);
      src.release();
    }
  }
}
