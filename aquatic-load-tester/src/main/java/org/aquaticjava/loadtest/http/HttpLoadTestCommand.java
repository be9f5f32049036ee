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
    description = "Load an HTTP (BEP 3/23/48) tracker on loopback and report responses/s and latency.",
    footer = {
      "",
      "Connection modes: keys of the [network] table (-p prints them with comments):",
      "  keep_alive = true           reuse each connection (the default)",
      "  keep_alive = false          a new TCP connection per request",
      "  tls = true                  HTTPS, with either of the above (any certificate",
      "                              is trusted: loopback only); without keep-alive",
      "                              every request pays a full TLS handshake",
      "  tls_resume_sessions = true  with tls, keep_alive = false: each new connection",
      "                              resumes an earlier one's TLS session (ticket or",
      "                              TLS 1.2 session id), as a reconnecting client",
      "  tls_protocol = \"TLSv1.3\"    offer one TLS version only (or \"TLSv1.2\")"
    })
public final class HttpLoadTestCommand extends ProtocolCommand<HttpLoadTestConfig> {
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
    return HttpLoadTest.run(config, progress).load();
  }
}
