package io.leakproof.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CursorLeakTest {
  private static final int QUERIES = 5_000;
  /** Every 50th query leaks: 2%. */
  private static final int LEAK_EVERY = 50;

  private static final AtomicInteger LEAK_LINE = new AtomicInteger();
  private final TestServer server = new TestServer();
  private final ConcurrentLinkedQueue<MongoLeakReport> reports = new ConcurrentLinkedQueue<>();

  @AfterEach
  void stop() {
    server.close();
  }

  private LeakproofMongoClient client() {
    return LeakproofMongo.create(
        server.settings().build(), MongoConfig.builder().name("cursors").listener(reports::add).build());
  }

  private static void fill(MongoCollection<Document> c) {
    for (int i = 0; i < 10; i++) {
      c.insertOne(new Document("_id", i));
    }
  }

  /** Reads one document of a cursor with more batches to come, and drops it. */
  private static void leakCursor(MongoCollection<Document> c) {
    LEAK_LINE.set(new Throwable().getStackTrace()[0].getLineNumber() + 1);
    MongoCursor<Document> cursor = c.find().batchSize(2).iterator();
    assertThat(cursor.next()).isNotNull();
  }

  private static void closeCursor(MongoCollection<Document> c, int i) {
    if (i % 2 == 0) {
      try (MongoCursor<Document> cursor = c.find().batchSize(2).iterator()) {
        assertThat(cursor.next()).isNotNull();
      }
    } else {
      int n = 0;
      for (Document d : c.find().batchSize(3)) { // read to the end: the driver closes it
        n += d.isEmpty() ? 0 : 1;
      }
      assertThat(n).isEqualTo(10);
    }
  }

  private static int queries(MongoCollection<Document> c, boolean leak) {
    int leaked = 0;
    for (int i = 0; i < QUERIES; i++) {
      if (leak && i % LEAK_EVERY == 7) {
        leakCursor(c);
        leaked++;
      } else {
        closeCursor(c, i);
      }
    }
    return leaked;
  }

  @Test
  void everyDroppedCursorIsReportedOnceWithItsLineAndKilledOnTheServer() {
    try (LeakproofMongoClient client = client()) {
      MongoCollection<Document> c = client.getDatabase("test").getCollection("items");
      fill(c);
      int baseline = server.cursors();
      int leaked = queries(c, true);
      assertThat(leaked).isEqualTo(QUERIES / LEAK_EVERY);
      assertThat(
              TestServer.gcUntil(
                  () -> server.cursors() == baseline && client.stats().cursorsOpen() == 0,
                  Duration.ofSeconds(60)))
          .as("server cursors %d, baseline %d", server.cursors(), baseline)
          .isTrue();
      List<MongoLeakReport> leaks =
          reports.stream().filter(r -> r.kind() == MongoLeakReport.Kind.CURSOR_LEAK).toList();
      assertThat(leaks).hasSize(leaked);
      String line = "CursorLeakTest.java:" + LEAK_LINE.get() + ")";
      assertThat(leaks)
          .allSatisfy(
              r -> {
                assertThat(r.callSite().toString()).endsWith("leakCursor(" + line);
                assertThat(r.message())
                    .startsWith("Leak proven in MongoDB client 'cursors': a cursor was")
                    .contains("Did you forget to close the cursor opened at " + r.callSite());
              });
      assertThat(client.stats().cursorLeaks()).isEqualTo(leaked);
      System.out.printf(
          "leakproof: %d cursors dropped, %d reported, after GC: %d server cursors%n",
          leaked, leaks.size(), server.cursors());
    }
  }

  @Test
  void closedAndExhaustedCursorsAreNeverReported() {
    try (LeakproofMongoClient client = client()) {
      MongoCollection<Document> c = client.getDatabase("test").getCollection("items");
      fill(c);
      queries(c, false);
      assertThat(
              TestServer.gcUntil(() -> client.stats().cursorsOpen() == 0, Duration.ofSeconds(60)))
          .isTrue();
      assertThat(reports).isEmpty();
      assertThat(server.cursors()).isZero();
      assertThat(client.stats().cursorLeaks()).isZero();
    }
  }

  @Test
  void theBareDriverInTheSameHarnessLeavesTheServerCursorsOpen() {
    try (MongoClient client = MongoClients.create(server.settings().build())) {
      MongoCollection<Document> c = client.getDatabase("test").getCollection("items");
      fill(c);
      int leaked = 0;
      for (int i = 0; i < 500; i++) {
        if (i % LEAK_EVERY == 7) {
          leakCursor(c);
          leaked++;
        } else {
          closeCursor(c, i);
        }
      }
      int expected = leaked;
      assertThat(TestServer.gcUntil(() -> server.cursors() < expected, Duration.ofSeconds(3)))
          .isFalse();
      System.out.printf("bare: %d cursors dropped, after GC: %d server cursors%n", leaked, server.cursors());
      assertThat(server.cursors()).isEqualTo(leaked);
    }
  }
}
