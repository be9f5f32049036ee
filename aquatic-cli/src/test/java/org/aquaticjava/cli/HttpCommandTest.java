package org.aquaticjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.core.config.ConfigPrinter;
import org.aquaticjava.golden.Golden;
import org.aquaticjava.http.HttpConfig;
import org.aquaticjava.http.ReverseProxyHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aquatic http}: its config file, golden defaults and bad values, with a stand-in tracker. */
class HttpCommandTest {
  private final List<HttpConfig> startedWith = new ArrayList<>();

  private CliRun run(String... args) {
    CountDownLatch stopped = new CountDownLatch(1);
    HttpCommand command =
        new HttpCommand(
            config -> {
              startedWith.add(config);
              return RunningTracker.of(stopped::await, stopped::countDown);
            },
            stop -> stop.run()); // the stop signal arrives as soon as it is installed
    return CliRun.of(List.of(command), args);
  }

  @Test
  void printsTheDefaultConfigWithEveryKeyDocumented() {
    CliRun run = run("http", "-p");

    assertThat(run.status()).isZero();
    Golden.assertMatches("config/http-default.toml", run.out());
    assertThat(startedWith).isEmpty();
    List<String> lines = run.out().lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("[")) {
        assertThat(lines.get(i - 1)).as("comment above %s", line).startsWith("#");
      }
    }
  }

  @Test
  void printedDefaultsLoadBackToTheDefaults() throws ConfigException {
    assertThat(ConfigLoader.parse(ConfigPrinter.print(HttpConfig.DEFAULTS), HttpConfig.class,
            HttpConfig.DEFAULTS))
        .isEqualTo(HttpConfig.DEFAULTS);
  }

  @Test
  void startsWithTheLoadedConfig(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("http.toml");
    // The files must exist (their content is the tracker's business, here a fake one's).
    Path chain = Files.writeString(dir.resolve("fullchain.pem"), "");
    Path key = Files.writeString(dir.resolve("privkey.pem"), "");
    Files.writeString(
        file,
        """
        [network]
        keep_alive = false
        [network.tls]
        enable_tls = true
        tls_certificate_path = "%s"
        tls_private_key_path = "%s"
        [reverse_proxy]
        enabled = true
        ip_header = "x_real_ip"
        trusted_proxies = ["10.0.0.0/8"]
        """
            .formatted(chain, key));

    CliRun run = run("http", "-c", file.toString());

    assertThat(run.status()).isZero();
    assertThat(startedWith).hasSize(1);
    HttpConfig config = startedWith.getFirst();
    assertThat(config.network().keepAlive()).isFalse();
    assertThat(config.network().tls().enableTls()).isTrue();
    assertThat(config.network().tls().tlsCertificatePath()).isEqualTo(chain.toString());
    assertThat(config.reverseProxy().ipHeader()).isEqualTo(ReverseProxyHeader.X_REAL_IP);
    assertThat(config.reverseProxy().trustedProxies()).containsExactly("10.0.0.0/8");
  }

  @Test
  void reportsBadValuesWithTheirKeys(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.toml");
    Files.writeString(
        file,
        """
        [reverse_proxy]
        ip_header = "via"
        [limits]
        max_headers = 0
        """);

    CliRun run = run("http", "-c", file.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines())
        .anySatisfy(line -> assertThat(line).contains("reverse_proxy.ip_header: expected one of"
            + " x_forwarded_for, x_real_ip, forwarded"))
        .anySatisfy(line -> assertThat(line).contains("limits.max_headers"));
    assertThat(startedWith).isEmpty();
  }

  @Test
  void reportsImpossibleCombinationsOfASection(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.toml");
    Files.writeString(
        file,
        """
        [protocol]
        announce_path = "announce"
        [reverse_proxy]
        trusted_proxies = ["10.0.0/8"]
        """);

    CliRun run = run("http", "-c", file.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .contains("announce_path must start with /")
        .contains("\"10.0.0/8\" is not a CIDR");
    assertThat(startedWith).isEmpty();
  }
}
