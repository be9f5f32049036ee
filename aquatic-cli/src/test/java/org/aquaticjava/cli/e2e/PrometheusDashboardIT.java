package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring set-up of {@code ops/} against the real parts: Debian's Prometheus, started on
 * loopback with a generated config (the job and labels of {@code
 * ops/prometheus/prometheus-scrape.yml}, the rules of {@code ops/prometheus/aquatic-rules.yml}),
 * scrapes a UDP, an HTTP and a WSS tracker from the checkout's jar while the project's load tester
 * loads each for a few seconds. Then every PromQL expression of the Grafana dashboard ({@code
 * ops/grafana/aquatic-dashboard.json}, Grafana's variables replaced by match-all values) must
 * return data through Prometheus's HTTP API, every alerting rule must load, evaluate with health
 * "ok" and read only metrics the trackers export (node_exporter's excepted), and {@code promtool
 * check rules} must pass.
 *
 * <p>Needs {@code prometheus} and {@code promtool} (Debian's prometheus package, installed by
 * {@code scripts/install-ops-deps.sh}); without them it is skipped, and under {@code CI=true} it
 * fails.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PrometheusDashboardIT {
  private static final Path ROOT =
      Path.of(System.getProperty("aquatic.e2e.root", "..")).toAbsolutePath().normalize();
  private static final Path JAR =
      Path.of(System.getProperty("aquatic.e2e.jar", "target/aquatic.jar")).toAbsolutePath();
  private static final Path LOAD_TEST_JAR =
      Path.of(System.getProperty(
              "aquatic.e2e.loadTestJar", "../aquatic-load-tester/target/aquatic-load-test.jar"))
          .toAbsolutePath();
  private static final Path DASHBOARD = ROOT.resolve("ops/grafana/aquatic-dashboard.json");
  private static final Path RULES = ROOT.resolve("ops/prometheus/aquatic-rules.yml");
  private static final Duration QUICK = Duration.ofMinutes(1);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int LOAD_SECONDS = 3;
  /**
   * Grafana's variables as a query with every option selected would have them; {@code
   * $__rate_interval} as Grafana picks it for a 1 s scrape interval, with room.
   */
  private static final Map<String, String> GRAFANA_VARIABLES =
      Map.of("$__rate_interval", "30s", "$__range", "5m", "$instance", ".*", "$protocol", ".*");
  /** A metric name where a selector or range follows it. */
  private static final Pattern METRIC = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
  private static final Pattern ALERT_LINE = Pattern.compile("(?m)^\\s*- alert: ");

  @TempDir Path dir;
  private final List<TrackerProcess> trackers = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process prometheus;
  private URI api;

  @BeforeEach
  void requireTools() {
    RequiredTools.requireOnPath("prometheus", "promtool");
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(15, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      }
    }
    trackers.forEach(TrackerProcess::close);
    http.close();
  }

  @Test
  void everyDashboardQueryReturnsDataAndEveryRuleEvaluates() throws Exception {
    assertThat(CommandRun.ok(QUICK, "promtool", "check", "rules", RULES.toString()))
        .contains("SUCCESS");

    final TrackerProcess udp = tracker(TrackerProtocol.UDP);
    final TrackerProcess httpTracker = tracker(TrackerProtocol.HTTP);
    final TrackerProcess wss = tracker(TrackerProtocol.WSS);
    startPrometheus(Map.of("udp", udp, "http", httpTracker, "ws", wss));

    final List<String> loadTester = LoadTestRun.fromJar(LOAD_TEST_JAR);
    LoadTestRun.run(loadTester, dir, "udp", udp.port(), false, LOAD_SECONDS);
    LoadTestRun.run(loadTester, dir, "http", httpTracker.port(), false, LOAD_SECONDS);
    LoadTestRun.run(loadTester, dir, "ws", wss.port(), true, LOAD_SECONDS);
    awaitSeries("sum by (protocol) (aquatic_responses_total{job=\"aquatic\", type=\"announce\"} > 0)", 3);
    awaitRulesEvaluated();

    final List<String> failures = new ArrayList<>();
    final List<String> dashboardQueries = dashboardQueries();
    assertThat(dashboardQueries).as("PromQL expressions in the dashboard").hasSizeGreaterThan(20);
    for (String query : dashboardQueries) {
      final String expression = withGrafanaVariables(query);
      final Map<?, ?> data = query(expression, failures);
      if (data != null && ((List<?>) data.get("result")).isEmpty()) {
        failures.add("no data: " + expression);
      }
    }

    final List<Map<?, ?>> rules = loadedRules();
    assertThat(rules).as("rules Prometheus loaded")
        .hasSize((int) ALERT_LINE.matcher(Files.readString(RULES)).results().count());
    for (Map<?, ?> rule : rules) {
      final String expression = (String) rule.get("query");
      if (!"ok".equals(rule.get("health"))) {
        failures.add("rule " + rule.get("name") + " health " + rule.get("health") + ": " + rule.get("lastError"));
      }
      query(expression, failures);
      for (String metric : metricNames(expression)) {
        if (metric.startsWith("node_")) {
          continue; // node_exporter's, documented in the rules file
        }
        final Map<?, ?> data = query("count(" + metric + ")", failures);
        if (data != null && ((List<?>) data.get("result")).isEmpty()) {
          failures.add("rule " + rule.get("name") + " reads " + metric + ", which no tracker exports");
        }
      }
    }
    assertThat(failures).as("dashboard queries and rules against Prometheus").isEmpty();
  }

  private TrackerProcess tracker(TrackerProtocol protocol) throws IOException, InterruptedException {
    final Path trackerDir = Files.createDirectories(dir.resolve(protocol.name().toLowerCase(java.util.Locale.ROOT)));
    final TrackerProcess tracker = TrackerProcess.start(JAR, trackerDir, protocol);
    trackers.add(tracker);
    return tracker;
  }

  /** Prometheus on a free loopback port, scraping each tracker every second as prometheus-scrape.yml does. */
  private void startPrometheus(Map<String, TrackerProcess> byProtocol) throws IOException, InterruptedException {
    final StringBuilder targets = new StringBuilder();
    byProtocol.forEach((protocol, tracker) -> targets.append(
        "      - targets: [\"%s\"]\n        labels: {protocol: %s}\n"
            .formatted(tracker.metricsTarget(), protocol)));
    final Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - "%s"
        scrape_configs:
          - job_name: aquatic
            honor_labels: true
            static_configs:
        """.formatted(RULES) + targets);
    CommandRun.ok(QUICK, "promtool", "check", "config", config.toString());
    final int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    api = URI.create("http://127.0.0.1:" + port);
    final Path log = dir.resolve("prometheus.log");
    prometheus = new ProcessBuilder(List.of("prometheus",
            "--config.file=" + config,
            "--storage.tsdb.path=" + dir.resolve("data"),
            "--web.listen-address=127.0.0.1:" + port))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    final long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        if (get("/-/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!prometheus.isAlive() || System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("Prometheus not ready:\n" + Files.readString(log));
      }
      Thread.sleep(200);
    }
  }

  private void awaitSeries(String expression, int series) throws IOException, InterruptedException {
    final long deadline = System.nanoTime() + WAIT.toNanos();
    List<?> result = List.of();
    while (System.nanoTime() - deadline < 0) {
      final Map<?, ?> data = query(expression, new ArrayList<>());
      result = data == null ? List.of() : (List<?>) data.get("result");
      if (result.size() >= series) {
        Thread.sleep(3000); // a few more scrapes after the load, for the range queries
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(expression + " has " + result + " after " + WAIT.toSeconds() + " s");
  }

  private void awaitRulesEvaluated() throws IOException, InterruptedException {
    final long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (loadedRules().stream().noneMatch(rule -> String.valueOf(rule.get("lastEvaluation")).startsWith("0001-"))) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("rules not all evaluated after " + WAIT.toSeconds() + " s: " + loadedRules());
  }

  private List<Map<?, ?>> loadedRules() throws IOException, InterruptedException {
    final Map<?, ?> answer = (Map<?, ?>) JsonTree.parse(get("/api/v1/rules").body());
    final List<Map<?, ?>> rules = new ArrayList<>();
    for (Object group : (List<?>) ((Map<?, ?>) answer.get("data")).get("groups")) {
      for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
        rules.add((Map<?, ?>) rule);
      }
    }
    return rules;
  }

  /** The {@code data} of an instant query, or null after adding why it failed to {@code failures}. */
  private Map<?, ?> query(String expression, List<String> failures) throws IOException, InterruptedException {
    final HttpResponse<String> response =
        get("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
    final Map<?, ?> answer = (Map<?, ?>) JsonTree.parse(response.body());
    if (response.statusCode() != 200 || !"success".equals(answer.get("status"))) {
      failures.add("error " + answer.get("error") + ": " + expression);
      return null;
    }
    return (Map<?, ?>) answer.get("data");
  }

  private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(api.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every {@code expr} of the dashboard's panels, after checking it has the shape Grafana imports. */
  private static List<String> dashboardQueries() throws IOException {
    final Map<?, ?> dashboard = (Map<?, ?>) JsonTree.parse(Files.readString(DASHBOARD));
    assertThat(dashboard.get("uid")).isEqualTo("aquatic-java");
    assertThat((List<?>) dashboard.get("panels")).isNotEmpty();
    for (Object panel : (List<?>) dashboard.get("panels")) {
      final Map<?, ?> fields = (Map<?, ?>) panel;
      assertThat(fields.get("type")).isIn("row", "timeseries", "stat");
      if (!"row".equals(fields.get("type"))) {
        assertThat((List<?>) fields.get("targets")).as("targets of %s", fields.get("title")).isNotEmpty();
      }
    }
    final List<String> queries = new ArrayList<>();
    for (Object expr : JsonTree.fieldValues(dashboard, "expr")) {
      queries.add((String) expr);
    }
    return queries;
  }

  private static String withGrafanaVariables(String query) {
    String expression = query;
    for (Map.Entry<String, String> variable : GRAFANA_VARIABLES.entrySet()) {
      expression = expression.replace(variable.getKey(), variable.getValue());
    }
    assertThat(expression).as("Grafana variables left in %s", query).doesNotContain("$");
    return expression;
  }

  private static Set<String> metricNames(String expression) {
    final Set<String> names = new LinkedHashSet<>();
    final Matcher matcher = METRIC.matcher(expression);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }
}
