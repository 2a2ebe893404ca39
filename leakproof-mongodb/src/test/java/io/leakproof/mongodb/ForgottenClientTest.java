package io.leakproof.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ForgottenClientTest {
  private static final int CLIENTS = 200;
  /** Virtual-thread carriers the JVM may start meanwhile (platform threads, counted too). */
  private static final int CARRIERS = Runtime.getRuntime().availableProcessors();
  private final TestServer server = new TestServer();
  private final ConcurrentLinkedQueue<MongoLeakReport> reports = new ConcurrentLinkedQueue<>();

  @AfterEach
  void stop() {
    server.close();
  }

  private static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /** The mgo bug's Java twin: a client per request, never closed. */
  private MongoClient forgetLeakproofClient(MongoClientSettings settings) {
    MongoClient client =
        LeakproofMongo.create(
            settings, MongoConfig.builder().maxClientsPerCluster(8).listener(reports::add).build());
    client.getDatabase("test").runCommand(new Document("ping", 1));
    return client;
  }

  private static void forgetBareClient(MongoClientSettings settings) {
    MongoClient client = MongoClients.create(settings);
    client.getDatabase("test").runCommand(new Document("ping", 1));
  }

  /**
   * Starts the threads that stay (the test server's I/O threads, Leakproof's reaper and sweeper)
   * before the baseline is taken, by opening and closing a few clients.
   */
  private static void warmUp(MongoClientSettings settings) {
    List<MongoClient> clients = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      clients.add(LeakproofMongo.create(settings));
      clients.get(i).getDatabase("test").runCommand(new Document("ping", 1));
    }
    clients.forEach(MongoClient::close);
  }

  @Test
  void forgottenClientsAreWarnedAboutThenClosedAfterGc() {
    MongoClientSettings settings = server.settings().build();
    warmUp(settings);
    assertThat(
            TestServer.await(() -> server.connections() == 0, Duration.ofSeconds(10)))
        .isTrue();
    int baseThreads = threads();
    int baseConnections = server.connections();
    // Held until all are open, so that the guard's count is deterministic; then forgotten.
    List<MongoClient> open = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      open.add(forgetLeakproofClient(settings));
    }
    assertThat(open).hasSize(LeakproofMongo.openClients(settings)).hasSize(CLIENTS);
    System.out.printf(
        "leakproof: %d clients open: %d server connections, %d threads (baseline %d, %d)%n",
        CLIENTS, server.connections(), threads(), baseConnections, baseThreads);
    assertThat(server.connections()).isGreaterThanOrEqualTo(baseConnections + CLIENTS);
    assertThat(threads()).isGreaterThan(baseThreads + CLIENTS);
    open.clear();

    List<MongoLeakReport> warnings =
        reports.stream().filter(r -> r.kind() == MongoLeakReport.Kind.TOO_MANY_CLIENTS).toList();
    assertThat(warnings).isNotEmpty().hasSize(5); // at 9, 18, 36, 72 and 144 open clients
    assertThat(warnings.get(0).message())
        .contains("has 9 open clients in this JVM (maxClientsPerCluster 8)")
        .contains("9× " + ForgottenClientTest.class.getName() + ".forgetLeakproofClient(");

    assertThat(
            TestServer.gcUntil(
                () ->
                    server.connections() <= baseConnections
                        && threads() <= baseThreads + CARRIERS
                        && LeakproofMongo.openClients(settings) == 0,
                Duration.ofMinutes(2)))
        .as(
            "connections %d (baseline %d), threads %d (baseline %d)",
            server.connections(), baseConnections, threads(), baseThreads)
        .isTrue();
    System.out.printf(
        "leakproof: after GC: %d server connections, %d threads%n", server.connections(), threads());
    List<MongoLeakReport> leaks =
        reports.stream().filter(r -> r.kind() == MongoLeakReport.Kind.CLIENT_LEAK).toList();
    assertThat(leaks).hasSize(CLIENTS);
    assertThat(leaks.get(0).message())
        .startsWith("Leak proven in MongoDB client 'mongodb': a MongoClient for 127.0.0.1:")
        .contains("forgetLeakproofClient(ForgottenClientTest.java:");
  }

  @Test
  void theBareDriverInTheSameHarnessKeepsConnectionsAndThreads() {
    MongoClientSettings settings = server.settings().build();
    warmUp(settings);
    int baseThreads = threads();
    int baseConnections = server.connections();
    int bare = 20; // fewer than above: these stay for the rest of the JVM
    for (int i = 0; i < bare; i++) {
      forgetBareClient(settings);
    }
    assertThat(
            TestServer.gcUntil(
                () -> server.connections() <= baseConnections, Duration.ofSeconds(3)))
        .isFalse();
    System.out.printf(
        "bare: %d clients forgotten, after GC: %d server connections, %d threads (baseline %d, %d)%n",
        bare, server.connections(), threads(), baseConnections, baseThreads);
    assertThat(server.connections()).isGreaterThanOrEqualTo(baseConnections + bare);
    assertThat(threads()).isGreaterThanOrEqualTo(baseThreads + bare);
  }
}
