package io.leakproof.http;

import static org.assertj.core.api.Assertions.assertThat;

import example.http.Borrowers;
import io.leakproof.PoolConfig;
import io.leakproof.http.hc5.LeakproofConnectionManager;
import io.leakproof.micrometer.MeterNames;
import io.leakproof.micrometer.PoolMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

/**
 * Each route's pool gets its own {@link PoolMetrics} with a {@code route} tag (the JDBC pool's
 * meters and names, so the shipped dashboard and alerts apply).
 */
class RouteMetricsIT {

  @Test
  void eachRouteHasTheJdbcPoolsMetersTaggedWithItsRoute() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    Map<String, PoolMetrics> metrics = new ConcurrentHashMap<>();
    HttpPoolConfig config =
        HttpPoolConfig.builder()
            .perRoute(
                PoolConfig.builder()
                    .name("metered")
                    .maxSize(4)
                    .gcOnExhaustion(Duration.ofMillis(100))
                    .build())
            .routeListener(
                route ->
                    metrics.computeIfAbsent(
                        route, r -> PoolMetrics.builder().tag("route", r).snapshotTtl(Duration.ZERO).build()))
            .onRouteOpened((route, pool) -> metrics.get(route).bindTo(pool, registry))
            .build();
    try (TestServer server = new TestServer(2);
        LeakproofConnectionManager cm = LeakproofConnectionManager.create(config);
        CloseableHttpClient client = HttpClients.custom().setConnectionManager(cm).build()) {
      Borrowers.hc5Get(client, server.uri(0, "/small"));
      Borrowers.hc5Get(client, server.uri(1, "/small"));
      Borrowers.hc5Leak(client, server.uri(1, "/big"));
      String route1 = "127.0.0.1:" + server.port(1);
      assertThat(
              Gc.until(
                  () -> cm.pools().stats(route1).orElseThrow().leaksReclaimed() == 1,
                  Duration.ofSeconds(30)))
          .isTrue();
      FunctionCounter leaks =
          registry.find(MeterNames.LEAKS_RECLAIMED).tag("route", route1).functionCounter();
      assertThat(leaks).isNotNull();
      assertThat(leaks.getId().getTag(MeterNames.TAG_POOL))
          .isEqualTo("metered.127.0.0.1_" + server.port(1));
      assertThat(leaks.count()).isEqualTo(1.0);
      assertThat(registry.find(MeterNames.MAX).tag("route", "127.0.0.1:" + server.port(0)).gauge())
          .isNotNull();
    }
  }
}
