package io.leakproof.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChangeStreamLeakTest {
  private static final AtomicInteger WATCH_LINE = new AtomicInteger();
  private final TestServer server = new TestServer();
  private final ConcurrentLinkedQueue<MongoLeakReport> reports = new ConcurrentLinkedQueue<>();

  @AfterEach
  void stop() {
    server.close();
  }

  private static void leakChangeStream(MongoCollection<Document> c) {
    WATCH_LINE.set(new Throwable().getStackTrace()[0].getLineNumber() + 1);
    MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = c.watch().cursor();
    assertThat(cursor.tryNext()).isNull();
  }

  @Test
  void aDroppedChangeStreamCursorIsReportedAndKilled() {
    server.server.enableOplog();
    try (LeakproofMongoClient client =
        LeakproofMongo.create(
            server.settings().build(), MongoConfig.builder().listener(reports::add).build())) {
      MongoCollection<Document> c = client.getDatabase("test").getCollection("items");
      c.insertOne(new Document("_id", 1));
      int baseline = server.cursors();
      leakChangeStream(c);
      assertThat(server.cursors()).isEqualTo(baseline + 1);
      assertThat(
              TestServer.gcUntil(
                  () -> !reports.isEmpty() && server.cursors() == baseline, Duration.ofSeconds(30)))
          .isTrue();
      List<MongoLeakReport> leaks = List.copyOf(reports);
      assertThat(leaks).hasSize(1);
      assertThat(leaks.get(0).message()).contains("a change-stream cursor was garbage-collected");
      assertThat(leaks.get(0).callSite().toString())
          .endsWith("leakChangeStream(ChangeStreamLeakTest.java:" + WATCH_LINE.get() + ")");
    }
  }
}
