package io.leakproof.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.leakproof.CallSiteCapture;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeldTooLongTest {
  private static final AtomicInteger SLOW_LINE = new AtomicInteger();
  private final TestServer server = new TestServer();
  private final ConcurrentLinkedQueue<MongoLeakReport> reports = new ConcurrentLinkedQueue<>();

  @AfterEach
  void stop() {
    server.close();
  }

  private static void slowReport(MongoDatabase db) {
    SLOW_LINE.set(new Throwable().getStackTrace()[0].getLineNumber() + 1);
    db.runCommand(new Document("sleep", 1).append("ms", 1_200));
  }

  @Test
  void aLongCheckoutIsReportedOnceThenFollowedUpWhenItComesBack() {
    try (LeakproofMongoClient client =
        LeakproofMongo.create(
            server.settings().build(),
            MongoConfig.builder()
                .callSiteCapture(CallSiteCapture.ALL)
                .leakWarningThreshold(Duration.ofMillis(300))
                .listener(reports::add)
                .build())) {
      slowReport(client.getDatabase("test"));
      assertThat(TestServer.await(() -> reports.size() >= 2, Duration.ofSeconds(10))).isTrue();
      MongoLeakReport first = reports.poll();
      MongoLeakReport second = reports.poll();
      String site = "slowReport(HeldTooLongTest.java:" + SLOW_LINE.get() + ")";
      assertThat(first.kind()).isEqualTo(MongoLeakReport.Kind.HELD_TOO_LONG);
      assertThat(first.message())
          .startsWith("Possible leak in MongoDB client 'mongodb': a connection to 127.0.0.1:")
          .contains("(leakWarningThreshold 300 ms)")
          .contains(site);
      assertThat(second.kind()).isEqualTo(MongoLeakReport.Kind.HELD_RETURNED);
      assertThat(second.message()).contains("came back after").contains(site);
      assertThat(reports).isEmpty();
      assertThat(client.stats().leaksSuspected()).isEqualTo(1);
    }
  }

  @Test
  void badSettingsAreRefusedWithPropertyValueAndRule() {
    assertThatThrownBy(() -> MongoConfig.builder().maxClientsPerCluster(0))
        .hasMessage("maxClientsPerCluster must be >= 1 but was 0");
    assertThatThrownBy(() -> MongoConfig.builder().callSiteSampleRate(-3))
        .hasMessage("callSiteSampleRate must be >= 1 but was -3");
    assertThatThrownBy(() -> MongoConfig.builder().leakWarningThreshold(Duration.ofSeconds(-1)))
        .hasMessage("leakWarningThreshold must be >= 0 (0 = off) but was PT-1S");
    assertThatThrownBy(() -> MongoConfig.builder().name(" "))
        .hasMessage("name must be non-blank without control characters but was ' '");
    assertThatThrownBy(() -> MongoConfig.builder().maxCallSites(0))
        .hasMessage("maxCallSites must be between 1 and 65536 but was 0");
  }
}
