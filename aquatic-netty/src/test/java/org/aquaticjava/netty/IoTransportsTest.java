package org.aquaticjava.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import org.aquaticjava.core.config.IoTransportChoice;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class IoTransportsTest {
  @Test
  void autoPicksTheFirstAvailableInPreferenceOrder() {
    for (IoTransport transport : IoTransport.values()) {
      LoggerFactory.getLogger(IoTransportsTest.class)
          .info("{} available: {} {}", transport.label(), transport.isAvailable(),
              transport.isAvailable() ? "" : transport.unavailabilityCause());
    }
    final IoTransport expected =
        IoTransport.EPOLL.isAvailable()
            ? IoTransport.EPOLL
            : IoTransport.IO_URING.isAvailable() ? IoTransport.IO_URING : IoTransport.NIO;
    assertThat(IoTransports.select(IoTransportChoice.AUTO)).isEqualTo(expected);
  }

  @Test
  void nioIsAlwaysAvailableAndRuns() throws Exception {
    final IoTransport nio = IoTransports.select(IoTransportChoice.NIO);
    assertThat(nio).isEqualTo(IoTransport.NIO);
    final EventLoopGroup group = nio.newEventLoopGroup(1, EventLoopSupervision.threadFactory("test"));
    try {
      assertThat(group.submit(() -> Thread.currentThread().getName()).get()).isEqualTo("test-01");
    } finally {
      group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void anExplicitlyChosenUnavailableTransportIsAStartUpErrorWithTheCause() {
    final IoTransport missing =
        !IoTransport.IO_URING.isAvailable()
            ? IoTransport.IO_URING
            : !IoTransport.EPOLL.isAvailable() ? IoTransport.EPOLL : null;
    assumeTrue(missing != null, "every transport is available on this machine");
    final IoTransportChoice choice = IoTransportChoice.valueOf(missing.name());
    assertThatThrownBy(() -> IoTransports.select(choice))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(missing.label())
        .hasCause(missing.unavailabilityCause());
  }

  @Test
  void labelsAreConfigSpellings() {
    assertThat(IoTransport.IO_URING.label()).isEqualTo("io_uring");
    for (IoTransport transport : IoTransport.values()) {
      assertThat(IoTransportChoice.valueOf(transport.name())).isNotNull();
    }
  }
}
