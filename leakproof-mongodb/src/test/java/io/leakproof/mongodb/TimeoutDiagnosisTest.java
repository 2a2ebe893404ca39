package io.leakproof.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.leakproof.CallSiteCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutDiagnosisTest {
  private static final AtomicInteger HOLD_LINE = new AtomicInteger();
  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private static void holdSlowly(MongoDatabase db) {
    HOLD_LINE.set(new Throwable().getStackTrace()[0].getLineNumber() + 1);
    db.runCommand(new Document("sleep", 1).append("ms", 1_500));
  }

  private MongoClientSettings settings() {
    return server
        .settings()
        .applyToConnectionPoolSettings(b -> b.maxSize(2).maxWaitTime(300, TimeUnit.MILLISECONDS))
        .build();
  }

  /** Two threads hold both connections with a slow command; the caller then times out. */
  private static Throwable timeoutWhileHeld(MongoClient client, Runnable waitUntilHeld)
      throws InterruptedException {
    MongoDatabase db = client.getDatabase("test");
    db.runCommand(new Document("ping", 1));
    List<Thread> holders = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      holders.add(Thread.ofVirtual().start(() -> holdSlowly(db)));
    }
    waitUntilHeld.run();
    Throwable t = catchThrowable(() -> db.getCollection("items").find().first());
    for (Thread h : holders) {
      h.join();
    }
    return t;
  }

  @Test
  void checkoutTimeoutNamesTheHoldingCallSite() throws Exception {
    try (LeakproofMongoClient client =
        LeakproofMongo.create(
            settings(), MongoConfig.builder().callSiteCapture(CallSiteCapture.ALL).build())) {
      Throwable t =
          timeoutWhileHeld(
              client,
              () ->
                  assertThat(
                          TestServer.await(
                              () -> client.stats().socketsInUse() == 2, Duration.ofSeconds(10)))
                      .isTrue());
      assertThat(t).isInstanceOf(LeakproofMongoTimeoutException.class);
      assertThat(t).isInstanceOf(MongoTimeoutException.class);
      assertThat(t.getCause()).isInstanceOf(MongoTimeoutException.class);
      String site =
          TimeoutDiagnosisTest.class.getName()
              + ".holdSlowly(TimeoutDiagnosisTest.java:"
              + HOLD_LINE.get()
              + ")";
      assertThat(t.getMessage())
          .startsWith("MongoDB client 'mongodb' could not check out a connection to 127.0.0.1:")
          .contains("(maxPoolSize 2: 2 in use, 0 idle, 0 connecting;")
          .contains("Longest-held checkouts (2 of 2):")
          .contains("1. held ")
          .contains("checked out at " + site)
          .contains("Next step: 2 of the 2 checkouts held now were made at " + site)
          .contains("Driver: " + t.getCause().getMessage());
      LeakproofMongoTimeoutException e = (LeakproofMongoTimeoutException) t;
      assertThat(e.longestHeld()).hasSize(2);
      assertThat(e.longestHeld().get(0).callSite().methodName()).isEqualTo("holdSlowly");
      assertThat(client.stats().timeouts()).isEqualTo(1);
    }
  }

  @Test
  void theBareDriverInTheSameHarnessSaysNothingOfTheHolders() throws Exception {
    try (MongoClient client = MongoClients.create(settings())) {
      Throwable t =
          timeoutWhileHeld(
              client,
              () ->
                  assertThat(TestServer.await(() -> false, Duration.ofMillis(500))).isFalse());
      assertThat(t).isInstanceOf(MongoTimeoutException.class);
      assertThat(t.getMessage()).doesNotContain("holdSlowly");
    }
  }
}
