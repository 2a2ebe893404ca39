package io.leakproof.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakproof.PoolClosedException;
import io.leakproof.PoolConfig;
import io.leakproof.http.internal.RoutePools;
import org.junit.jupiter.api.Test;

class HttpPoolConfigTest {

  @Test
  void defaultsAreTheEnginesWithNoTotalBound() {
    HttpPoolConfig c = HttpPoolConfig.builder().build();
    assertThat(c.perRoute().maxSize()).isEqualTo(PoolConfig.DEFAULT_MAX_SIZE);
    assertThat(c.perRoute().leakWarningThreshold())
        .isEqualTo(PoolConfig.DEFAULT_LEAK_WARNING_THRESHOLD);
    assertThat(c.maxTotal()).isZero();
    assertThat(c.maxRoutes()).isEqualTo(HttpPoolConfig.DEFAULT_MAX_ROUTES);
  }

  @Test
  void badValuesNamePropertyValueAndRule() {
    assertThatThrownBy(() -> HttpPoolConfig.builder().maxTotal(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTotal must be >= 0 (0 = no total bound) but was -1");
    assertThatThrownBy(() -> HttpPoolConfig.builder().maxRoutes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRoutes must be >= 1 but was 0");
    assertThatThrownBy(
            () ->
                HttpPoolConfig.builder()
                    .perRoute(PoolConfig.builder().maxSize(10).build())
                    .maxTotal(5)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("maxTotal must be 0 or >= the per-route maxSize (10) but was 5");
  }

  @Test
  void routePoolNamesAreValidPoolNames() {
    assertThat(RoutePools.poolName("api", "127.0.0.1:8080")).isEqualTo("api.127.0.0.1_8080");
    assertThat(RoutePools.poolName("api", "[::1]:80")).isEqualTo("api.-__1-_80");
    String longHost = "a".repeat(100) + ".example.com:443";
    assertThat(RoutePools.poolName("api", longHost)).hasSize(64).endsWith("example.com_443");
  }

  @Test
  void routesBeyondMaxRoutesFailClearlyAndAClosedClientStopsLending() {
    RoutePools pools =
        new RoutePools(
            HttpPoolConfig.builder()
                .perRoute(PoolConfig.builder().name("few").maxSize(1).build())
                .maxRoutes(1)
                .build());
    pools.acquire("a:80", null).release();
    assertThatThrownBy(() -> pools.acquire("b:80", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxRoutes (1) reached for HTTP client 'few'")
        .hasMessageContaining("b:80");
    pools.close();
    assertThatThrownBy(() -> pools.acquire("a:80", null)).isInstanceOf(PoolClosedException.class);
  }
}
