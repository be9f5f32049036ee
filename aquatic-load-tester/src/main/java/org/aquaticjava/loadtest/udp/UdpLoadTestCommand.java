package org.aquaticjava.loadtest.udp;

import java.io.PrintWriter;
import java.util.List;
import org.aquaticjava.loadtest.LoadTestResult;
import org.aquaticjava.loadtest.ProtocolCommand;
import org.aquaticjava.loadtest.WorkloadConfig;
import picocli.CommandLine.Command;

/** {@code aquatic-load-test udp [-c FILE] [-p] [--info-hashes] [-h]}. */
@Command(
    name = "udp",
    description = "Load a BEP 15 UDP tracker on loopback and report responses/s and latency.")
public final class UdpLoadTestCommand extends ProtocolCommand<UdpLoadTestConfig> {
  @Override
  protected Class<UdpLoadTestConfig> configType() {
    return UdpLoadTestConfig.class;
  }

  @Override
  protected UdpLoadTestConfig defaults() {
    return UdpLoadTestConfig.DEFAULTS;
  }

  @Override
  protected WorkloadConfig workload(UdpLoadTestConfig config) {
    return config.workload();
  }

  @Override
  protected List<String> problems(UdpLoadTestConfig config) {
    return config.problems();
  }

  @Override
  protected LoadTestResult run(UdpLoadTestConfig config, PrintWriter progress) throws Exception {
    return UdpLoadTest.run(config, progress);
  }
}
