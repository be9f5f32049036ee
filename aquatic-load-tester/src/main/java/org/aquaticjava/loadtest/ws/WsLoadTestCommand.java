package org.aquaticjava.loadtest.ws;

import java.io.PrintWriter;
import java.util.List;
import org.aquaticjava.loadtest.LoadTestResult;
import org.aquaticjava.loadtest.ProtocolCommand;
import org.aquaticjava.loadtest.WorkloadConfig;
import picocli.CommandLine.Command;

/** {@code aquatic-load-test ws [-c FILE] [-p] [--info-hashes] [-h]}. */
@Command(
    name = "ws",
    description =
        "Load a WebTorrent (WebSocket) tracker on loopback and report messages/s and latency.")
public final class WsLoadTestCommand extends ProtocolCommand<WsLoadTestConfig> {
  @Override
  protected Class<WsLoadTestConfig> configType() {
    return WsLoadTestConfig.class;
  }

  @Override
  protected WsLoadTestConfig defaults() {
    return WsLoadTestConfig.DEFAULTS;
  }

  @Override
  protected WorkloadConfig workload(WsLoadTestConfig config) {
    return config.workload();
  }

  @Override
  protected List<String> problems(WsLoadTestConfig config) {
    return config.problems();
  }

  @Override
  protected LoadTestResult run(WsLoadTestConfig config, PrintWriter progress) throws Exception {
    return WsLoadTest.run(config, progress).load();
  }
}
