package io.leakproof.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * mongo-java-server runs no sessions; its hello is made to advertise them, so the driver starts
 * sessions, sends their ids, and ends the pooled ones ({@code endSessions}) when the client
 * closes. A leaked session's server session never goes back to the pool, so it is never ended.
 */
class SessionLeakTest {
  private static final int SESSIONS = 20;
  private static final AtomicInteger START_LINE = new AtomicInteger();
  private final TestServer server = new TestServer();
  private final ConcurrentLinkedQueue<MongoLeakReport> reports = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void advertise() {
    server.backend.advertiseSessions = true;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static void leakSession(MongoClient client) {
    START_LINE.set(new Throwable().getStackTrace()[0].getLineNumber() + 1);
    ClientSession session = client.startSession();
    client.getDatabase("test").runCommand(session, new Document("ping", 1));
  }

  @Test
  void aDroppedSessionIsReportedWithItsLineAndItsServerSessionReturned() {
    MongoClient client =
        LeakproofMongo.create(
            server.settings().build(), MongoConfig.builder().listener(reports::add).build());
    try {
      client.getDatabase("test").runCommand(new Document("ping", 1));
      for (int i = 0; i < SESSIONS; i++) {
        leakSession(client);
      }
      assertThat(
              TestServer.gcUntil(
                  () -> reports.size() >= SESSIONS, Duration.ofSeconds(30)))
          .isTrue();
      List<MongoLeakReport> leaks =
          reports.stream().filter(r -> r.kind() == MongoLeakReport.Kind.SESSION_LEAK).toList();
      assertThat(leaks).hasSize(SESSIONS);
      assertThat(leaks.get(0).callSite().toString())
          .endsWith("leakSession(SessionLeakTest.java:" + START_LINE.get() + ")");
      assertThat(((LeakproofMongoClient) client).stats().sessionLeaks()).isEqualTo(SESSIONS);
    } finally {
      client.close();
    }
    // Each leaked session held its own server session; closed by Leakproof, all went back to
    // the pool, and the client ended them all at close().
    assertThat(server.backend.endedSessions.get()).isGreaterThanOrEqualTo(SESSIONS);
  }

  @Test
  void closedSessionsAreNotReported() {
    try (LeakproofMongoClient client =
        LeakproofMongo.create(
            server.settings().build(), MongoConfig.builder().listener(reports::add).build())) {
      for (int i = 0; i < SESSIONS; i++) {
        try (ClientSession session = client.startSession()) {
          client.getDatabase("test").runCommand(session, new Document("ping", 1));
        }
      }
      assertThat(TestServer.gcUntil(() -> false, Duration.ofMillis(600))).isFalse();
      assertThat(reports).isEmpty();
    }
  }

  @Test
  void theBareDriverNeverReturnsALeakedServerSession() {
    MongoClient client = MongoClients.create(server.settings().build());
    try {
      for (int i = 0; i < SESSIONS; i++) {
        leakSession(client);
      }
      assertThat(TestServer.gcUntil(() -> false, Duration.ofMillis(600))).isFalse();
    } finally {
      client.close();
    }
    assertThat(server.backend.endedSessions.get()).isZero();
  }
}
