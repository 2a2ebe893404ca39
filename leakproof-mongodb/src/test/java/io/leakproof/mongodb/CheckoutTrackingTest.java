package io.leakproof.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.leakproof.CallSite;
import io.leakproof.CallSiteCapture;
import io.leakproof.CallSiteStats;
import io.leakproof.LeaseSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckoutTrackingTest {
  private static final int THREADS = 2_000;
  private static final int MAX_POOL = 50;
  private static final AtomicInteger FIND_LINE = new AtomicInteger();
  private static final AtomicInteger COUNT_LINE = new AtomicInteger();

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private static Document findOne(MongoCollection<Document> c, int i) {
    FIND_LINE.set(new Throwable().getStackTrace()[0].getLineNumber() + 1);
    return c.find(Filters.eq("_id", i % 10)).first();
  }

  private static long countAll(MongoCollection<Document> c) {
    COUNT_LINE.set(new Throwable().getStackTrace()[0].getLineNumber() + 1);
    return c.countDocuments();
  }

  private LeakproofMongoClient client(CallSiteCapture capture) {
    return LeakproofMongo.create(
        server
            .settings()
            .applyToConnectionPoolSettings(
                b -> b.maxSize(MAX_POOL).maxWaitTime(2, TimeUnit.MINUTES))
            .build(),
        MongoConfig.builder().name("checkouts").callSiteCapture(capture).build());
  }

  /** Runs the borrowers; returns the largest dump seen while they ran. */
  private List<LeaseSnapshot> run(LeakproofMongoClient client) throws Exception {
    MongoCollection<Document> c = client.getDatabase("test").getCollection("items");
    for (int i = 0; i < 10; i++) {
      c.insertOne(new Document("_id", i).append("n", i));
    }
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>(THREADS);
    for (int i = 0; i < THREADS; i++) {
      int n = i;
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                    assertThat(findOne(c, n)).isNotNull();
                    assertThat(countAll(c)).isEqualTo(10);
                  }));
    }
    start.countDown();
    List<LeaseSnapshot> largest = List.of();
    while (threads.stream().anyMatch(Thread::isAlive)) {
      // A dump is read while checkouts come and go, so it is not an instant: the limit is
      // checked on the counters and on the server instead.
      List<LeaseSnapshot> d = client.dump();
      assertThat(client.stats().socketsInUse()).isLessThanOrEqualTo(MAX_POOL);
      assertThat(server.connections()).isLessThanOrEqualTo(MAX_POOL + 2); // + 2 monitors
      if (d.size() > largest.size()) {
        largest = d;
      }
      threads.get(0).join(5);
    }
    for (Thread t : threads) {
      t.join();
    }
    return largest;
  }

  @Test
  void everyCheckoutOf2000VirtualThreadsIsTrackedWithItsCallSite() throws Exception {
    try (LeakproofMongoClient client = client(CallSiteCapture.ALL)) {
      List<LeaseSnapshot> seen = run(client);
      MongoPoolStats s = client.stats();
      assertThat(s.socketsInUse()).isZero();
      assertThat(s.waiting()).isZero();
      assertThat(s.peakInUse()).isBetween(1, MAX_POOL);
      assertThat(s.socketsAlive()).isBetween(1, MAX_POOL);
      assertThat(s.checkouts()).isEqualTo(2L * THREADS + 10);
      assertThat(s.timeouts()).isZero();
      assertThat(s.waitMax()).isGreaterThanOrEqualTo(s.waitP99());
      assertThat(client.dump()).isEmpty();
      assertThat(seen).isNotEmpty();
      assertThat(seen)
          .allSatisfy(
              l ->
                  assertThat(l.callSite().className())
                      .isEqualTo(CheckoutTrackingTest.class.getName()));

      CallSiteStats find = site(client, "findOne");
      CallSiteStats count = site(client, "countAll");
      assertThat(find.callSite().lineNumber()).isEqualTo(FIND_LINE.get());
      assertThat(count.callSite().lineNumber()).isEqualTo(COUNT_LINE.get());
      assertThat(find.leases()).isEqualTo(THREADS);
      assertThat(count.leases()).isEqualTo(THREADS);
      assertThat(find.active()).isZero();
      assertThat(count.active()).isZero();
      assertThat(server.connections()).isLessThanOrEqualTo(MAX_POOL + 2); // + 2 monitors
    }
  }

  @Test
  void withCaptureOffTheSameHarnessFindsNoCallSites() throws Exception {
    try (LeakproofMongoClient client = client(CallSiteCapture.OFF)) {
      List<LeaseSnapshot> seen = run(client);
      assertThat(client.stats().checkouts()).isEqualTo(2L * THREADS + 10);
      assertThat(client.callSites()).isEmpty();
      assertThat(seen).allSatisfy(l -> assertThat(l.callSite()).isNull());
    }
  }

  private static CallSiteStats site(LeakproofMongoClient client, String method) {
    return client.callSites().stream()
        .filter(s -> s.callSite().methodName().equals(method))
        .filter(s -> s.callSite().className().equals(CheckoutTrackingTest.class.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no call site " + method + " in " + client.callSites()));
  }

  static String where(CallSite s) {
    return s == null ? "null" : s.toString();
  }
}
