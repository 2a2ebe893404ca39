package io.leakproof.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MongoMetricsTest {
  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private static void leakOne(MongoCollection<Document> c) {
    MongoCursor<Document> cursor = c.find().batchSize(2).iterator();
    assertThat(cursor.next()).isNotNull();
  }

  /** The scrape's leakproof lines, with the port and the measured times made stable. */
  private String scrape(PrometheusMeterRegistry registry) {
    String port = server.connectionString.substring(server.connectionString.lastIndexOf(':') + 1);
    return registry.scrape().lines()
        .filter(l -> l.contains("leakproof_connections"))
        .map(l -> l.replace(":" + port, ":PORT"))
        .map(l -> l.matches("leakproof_connections_wait_seconds_(count|sum|max).*")
            ? l.replaceAll(" [0-9.E-]+$", " MEASURED") : l)
        .sorted()
        .collect(Collectors.joining("\n", "", "\n"));
  }

  @Test
  void metricsMatchTheSnapshot() throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (LeakproofMongoClient client =
            LeakproofMongo.create(
                server.settings().applyToConnectionPoolSettings(b -> b.maxSize(7)).build(),
                MongoConfig.builder().name("orders").build())) {
      MongoMetrics.Binding binding = MongoMetrics.bindTo(client, registry);
      MongoCollection<Document> c = client.getDatabase("test").getCollection("items");
      for (int i = 0; i < 5; i++) {
        c.insertOne(new Document("_id", i));
      }
      leakOne(c);
      assertThat(
              TestServer.gcUntil(
                  () -> client.stats().cursorLeaks() == 1 && server.cursors() == 0,
                  Duration.ofSeconds(30)))
          .isTrue();
      String expected;
      try (InputStream in =
          Objects.requireNonNull(getClass().getResourceAsStream("mongo-metrics.prom"))) {
        expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      // 5 inserts, a find and the killCursors of the leaked cursor: 7 checkouts.
      assertThat(scrape(registry)).isEqualTo(expected);
      binding.close();
      assertThat(registry.scrape()).doesNotContain("leakproof_connections");
    }
  }

  @Test
  void serverTagsOutOfRangeAreRefusedWithAClearMessage() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (LeakproofMongoClient client = LeakproofMongo.create(server.settings().build())) {
      assertThatThrownBy(() -> MongoMetrics.bindTo(client, registry, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("serverTags must be between 1 and 256 but was 0");
    }
  }
}
