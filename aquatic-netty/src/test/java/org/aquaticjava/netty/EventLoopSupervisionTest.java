package org.aquaticjava.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.worker.Supervisor;
import org.junit.jupiter.api.Test;

class EventLoopSupervisionTest {
  private final BlockingQueue<String> failed = new LinkedBlockingQueue<>();
  private final Supervisor supervisor = new Supervisor((worker, cause) -> failed.add(worker));

  @Test
  void anEventLoopGroupThatTerminatesWhileRunningIsFatal() throws Exception {
    final EventLoopGroup group =
        IoTransport.NIO.newEventLoopGroup(2, EventLoopSupervision.threadFactory("socket"));
    EventLoopSupervision.watch(supervisor, "socket", group);

    group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();

    assertThat(failed.poll(5, TimeUnit.SECONDS)).startsWith("socket-0");
    assertThat(supervisor.hasFailed()).isTrue();
  }

  @Test
  void anOrderlyShutdownAfterCloseIsNotFatal() throws Exception {
    final EventLoopGroup group =
        IoTransport.NIO.newEventLoopGroup(2, EventLoopSupervision.threadFactory("socket"));
    EventLoopSupervision.watch(supervisor, "socket", group);

    supervisor.close();
    group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();

    assertThat(failed.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(supervisor.hasFailed()).isFalse();
  }
}
