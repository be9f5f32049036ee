package org.aquaticjava.loadtest.http;

import java.io.PrintWriter;
import java.util.List;
import org.aquaticjava.loadtest.LoadTestResult;
import org.aquaticjava.loadtest.ProtocolCommand;
import org.aquaticjava.loadtest.WorkloadConfig;
import picocli.CommandLine.Command;

/** {@code aquatic-load-test http [-c FILE] [-p] [--info-hashes] [-h]}. */
@Command(
    name = "http",
    description = "Load an HTTP (BEP 3/23/48) tracker on loopback and report responses/s and latency.")
public final class HttpCommand extends ProtocolCommand<HttpLoadTestConfig> {
  @Override
  protected Class<HttpLoadTestConfig> configType() {
    return HttpLoadTestConfig.class;
  }

  @Override
  protected HttpLoadTestConfig defaults() {
    return HttpLoadTestConfig.DEFAULTS;
  }

  @Override
  protected WorkloadConfig workload(HttpLoadTestConfig config) {
    return config.workload();
  }

  @Override
  protected List<String> problems(HttpLoadTestConfig config) {
    return config.problems();
  }

  @Override
  protected LoadTestResult run(HttpLoadTestConfig config, PrintWriter progress) throws Exception {
    return HttpLoadTest.run(config, progress);
  }
}
