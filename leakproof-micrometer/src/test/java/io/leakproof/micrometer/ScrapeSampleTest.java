package io.leakproof.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.Pool;
import io.leakproof.testkit.FakeResourceFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScrapeSampleTest {
  @Test
  void scrapeShowsEveryFamily() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PoolMetrics metrics = PoolMetrics.builder().snapshotTtl(java.time.Duration.ZERO).build();
    try (Pool<FakeResourceFactory.Resource> pool =
            Pool.open(Workloads.smallPool("orders", metrics).build(), new FakeResourceFactory());
        PoolMetrics.Binding b = metrics.bindTo(pool, registry)) {
      Workloads.everything(pool);
      String text = registry.scrape();
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target/scrape-sample.txt"), text);
      assertThat(text).contains("leakproof_connections_max");
      assertThat(b.poolName()).isEqualTo("orders");
    }
  }
}
