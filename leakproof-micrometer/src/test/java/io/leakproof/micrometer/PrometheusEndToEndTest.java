package io.leakproof.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import example.app.Borrowers;
import io.leakproof.Lease;
import io.leakproof.Pool;
import io.leakproof.testkit.FakeResourceFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real Prometheus server (Debian's package) on 127.0.0.1: it scrapes an HTTP
 * endpoint served here that exposes a Leakproof pool under a leaking workload, and evaluates the
 * shipped alert rules. The test watches the leak counter rise and the saturation alert's
 * expression turn true through Prometheus's HTTP API, checks every dashboard query against the
 * server, and stops everything it started.
 */
@Tag("slow")
class PrometheusEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String JOB = "leakproof-e2e";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private int prometheusPort;
  private Thread shutdownHook;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void prometheusSeesTheLeakCounterRiseAndTheSaturationAlertTurnTrue(@TempDir Path dir)
      throws Exception {
    Path prometheus = Tools.require("prometheus");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PoolMetrics metrics = PoolMetrics.builder().snapshotTtl(Duration.ofMillis(200)).build();
    HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext(
        "/metrics",
        exchange -> {
          byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    app.start();
    Process server = null;
    List<Lease<FakeResourceFactory.Resource>> held = new ArrayList<>();
    try (Pool<FakeResourceFactory.Resource> pool =
            Pool.open(Workloads.smallPool("e2e", metrics).build(), new FakeResourceFactory());
        PoolMetrics.Binding binding = metrics.bindTo(pool, registry)) {
      Borrowers.borrowAndReturn(pool);
      server = startPrometheus(prometheus, dir, app.getAddress().getPort());

      // Scraped, with no leak yet.
      awaitValue("up{job=\"" + JOB + "\"}", v -> v == 1.0);
      String leaks = "leakproof_connections_leaks_reclaimed_total{pool=\"e2e\",job=\"" + JOB + "\"}";
      assertThat(awaitValue(leaks, v -> true)).as("leak counter before the leaks").isZero();

      // The leaking workload: three leases dropped without close, then every connection held.
      Workloads.leakAndAwaitReclaim(pool, 3);
      for (int i = 0; i < pool.stats().maxSize(); i++) {
        held.add(Borrowers.hold(pool));
      }
      assertThat(awaitValue(leaks, v -> v >= 3)).as("leak counter after three leaks").isEqualTo(3.0);

      // The saturation alert's own expression, as shipped, is true for this pool...
      String saturated = alertExpr("LeakproofPoolSaturated");
      assertThat(awaitValue(saturated, v -> v >= 0.9)).isEqualTo(1.0);
      // ... and Prometheus, evaluating the shipped rules, has the alerts pending or firing.
      assertThat(awaitAlert("LeakproofPoolSaturated")).isEqualTo("pending"); // for: 5m
      assertThat(awaitAlert("LeakproofLeakReclaimed")).isEqualTo("firing");

      // Every dashboard query is valid PromQL for this server, and most find data.
      int withData = 0;
      List<String> queries = DashboardTest.queries();
      for (String q : queries) {
        String concrete =
            q.replace("$pool", "e2e")
                .replace("$instance", ".*")
                .replace("$__rate_interval", "1m")
                .replace("$__range", "5m");
        Map<String, Object> data = query(concrete);
        if (!((List<?>) data.get("result")).isEmpty()) {
          withData++;
        }
      }
      assertThat(withData).as("dashboard queries with data").isGreaterThan(queries.size() * 3 / 4);
      assertThat(binding.poolName()).isEqualTo("e2e");
    } finally {
      for (Lease<FakeResourceFactory.Resource> l : held) {
        l.close();
      }
      stop(server);
      app.stop(0);
    }
  }

  private static String alertExpr(String name) throws IOException {
    for (Tools.Alert a : Tools.alerts()) {
      if (a.name().equals(name)) {
        return a.expr();
      }
    }
    throw new AssertionError("no alert " + name + " in " + Tools.alertRules());
  }

  private Process startPrometheus(Path prometheus, Path dir, int appPort) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      prometheusPort = s.getLocalPort();
    }
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - "%s"
        scrape_configs:
          - job_name: %s
            static_configs:
              - targets: ["127.0.0.1:%d"]
        """
            .formatted(Tools.alertRules(), JOB, appPort));
    Process p =
        new ProcessBuilder(
                prometheus.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    // If this JVM dies before the finally block runs (a surefire timeout), take the server along.
    shutdownHook = new Thread(p::destroyForcibly, "stop-test-prometheus");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      assertThat(p.isAlive()).as("prometheus exited: %s", log(dir)).isTrue();
      try {
        HttpResponse<String> r = get("/-/ready");
        if (r.statusCode() == 200) {
          return p;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      assertThat(System.nanoTime()).as("prometheus ready within %s: %s", WAIT, log(dir)).isLessThan(deadline);
      sleep(100);
    }
  }

  private static String log(Path dir) {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void stop(Process p) throws InterruptedException {
    if (p == null) {
      return;
    }
    Runtime.getRuntime().removeShutdownHook(shutdownHook);
    p.destroy(); // SIGTERM: Prometheus shuts down cleanly
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(p.isAlive()).as("prometheus stopped").isFalse();
  }

  private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + pathAndQuery))
            .timeout(Duration.ofSeconds(5))
            .build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }

  /** Runs an instant query and returns its {@code data}; fails unless the status is success. */
  @SuppressWarnings("unchecked") // the shape of Prometheus's JSON answer
  private Map<String, Object> query(String promql) throws IOException, InterruptedException {
    HttpResponse<String> r =
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    Map<String, Object> body = (Map<String, Object>) MiniJson.parse(r.body());
    assertThat(body.get("status")).as("query %s: %s", promql, r.body()).isEqualTo("success");
    return (Map<String, Object>) body.get("data");
  }

  /** Polls a query until its first sample satisfies {@code ok}; returns that value. */
  @SuppressWarnings("unchecked") // the shape of Prometheus's JSON answer
  private double awaitValue(String promql, Predicate<Double> ok) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      List<Object> result = (List<Object>) query(promql).get("result");
      if (!result.isEmpty()) {
        List<Object> value = (List<Object>) ((Map<String, Object>) result.get(0)).get("value");
        double v = Double.parseDouble((String) value.get(1));
        last = result.toString();
        if (ok.test(v)) {
          return v;
        }
      }
      sleep(250);
    }
    throw new AssertionError("query " + promql + " never satisfied the check in " + WAIT + "; last: " + last);
  }

  /** Polls /api/v1/alerts until the alert is pending or firing; returns its state. */
  @SuppressWarnings("unchecked") // the shape of Prometheus's JSON answer
  private String awaitAlert(String name) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      body = get("/api/v1/alerts").body();
      Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) MiniJson.parse(body)).get("data");
      for (Object o : (List<Object>) data.get("alerts")) {
        Map<String, Object> alert = (Map<String, Object>) o;
        Map<String, Object> labels = (Map<String, Object>) alert.get("labels");
        if (name.equals(labels.get("alertname")) && "e2e".equals(labels.get("pool"))) {
          return (String) alert.get("state");
        }
      }
      sleep(250);
    }
    throw new AssertionError("alert " + name + " neither pending nor firing in " + WAIT + ": " + body);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
