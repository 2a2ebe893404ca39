package io.leakproof.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import example.http.Borrowers;
import io.leakproof.AcquireTimeoutException;
import io.leakproof.CallSiteCapture;
import io.leakproof.PoolConfig;
import io.leakproof.http.jdk.LeakproofHttpClient;
import io.leakproof.spi.PoolEvent;
import io.leakproof.testkit.RecordingListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code java.net.http.HttpClient}, bare and wrapped, against a real Jetty server. */
class JdkHttpClientIT {

  private static HttpClient bare() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  private static LeakproofHttpClient wrapped(
      RecordingListener events, int perHost, Duration acquireTimeout, Duration shutdownTimeout) {
    return LeakproofHttpClient.wrap(
        bare(),
        HttpPoolConfig.builder()
            .perRoute(
                PoolConfig.builder()
                    .name("jdk")
                    .maxSize(perHost)
                    .callSiteCapture(CallSiteCapture.ALL)
                    .acquireTimeout(acquireTimeout)
                    .gcOnExhaustion(Duration.ofMillis(100))
                    .shutdownTimeout(shutdownTimeout)
                    .listener(events)
                    .build())
            .build());
  }

  /** 200 concurrent requests to one host; returns the peak of ESTABLISHED sockets seen. */
  private static int peakSocketsFor200ConcurrentRequests(HttpClient client, TestServer server)
      throws Exception {
    Peaks peaks = new Peaks(server, 1);
    peaks.start();
    AtomicInteger failures = new AtomicInteger();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 200; i++) {
        var unused =
            threads.submit(
                () -> {
                  try {
                    Borrowers.jdkGet(client, server.uri(0, "/small?delayMs=50"));
                  } catch (IOException | InterruptedException e) {
                    failures.incrementAndGet();
                  }
                });
      }
    }
    peaks.stop();
    assertThat(failures.get()).isZero();
    return Sockets.available() ? peaks.perHost(0) : server.peakConnections();
  }

  @Test
  void bareClientOpensASocketPerConcurrentRequest() throws Exception {
    try (TestServer server = new TestServer(1);
        HttpClient client = bare()) {
      int peak = peakSocketsFor200ConcurrentRequests(client, server);
      assertThat(peak).as("the harness sees the missing per-host bound").isGreaterThan(50);
      assertThat(server.peakConnections()).isGreaterThan(50);
    }
  }

  @Test
  void perHostBoundHoldsUnderTheSameLoad() throws Exception {
    RecordingListener events = new RecordingListener();
    try (TestServer server = new TestServer(1);
        LeakproofHttpClient client =
            wrapped(events, 10, Duration.ofSeconds(30), Duration.ofSeconds(5))) {
      int peak = peakSocketsFor200ConcurrentRequests(client, server);
      assertThat(peak).as("sockets to the host").isBetween(1, 10);
      assertThat(server.peakConnections()).as("server's own count").isBetween(1, 10);
      assertThat(events.reclaimed()).as("no false leak").isEmpty();
    }
  }

  @Test
  void droppedStreamsAreReclaimedOnceWithTheirCallSite() throws Exception {
    RecordingListener events = new RecordingListener();
    int requests = 2_000;
    int leaks = requests / 50;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    try (TestServer server = new TestServer(1);
        LeakproofHttpClient client =
            wrapped(events, 10, Duration.ofSeconds(30), Duration.ofSeconds(5))) {
      try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < 20; w++) {
        var unused =
            workers.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    try {
                      if (i % 50 == 0) {
                        Borrowers.jdkLeak(client, server.uri(0, "/big"));
                      } else {
                        Borrowers.jdkGet(client, server.uri(0, "/small"));
                      }
                    } catch (IOException | InterruptedException e) {
                      failures.incrementAndGet();
                    }
                  }
                });
      }
      }
      assertThat(Gc.until(() -> events.reclaimed().size() >= leaks, Duration.ofSeconds(30)))
          .isTrue();
      assertThat(failures.get()).isZero();
      List<PoolEvent.Leak> reclaimed = events.reclaimed();
      assertThat(reclaimed).hasSize(leaks);
      assertThat(reclaimed.stream().map(l -> l.lease().leaseId()).distinct()).hasSize(leaks);
      assertThat(reclaimed)
          .allSatisfy(l -> assertThat(l.lease().callSite().methodName()).isEqualTo("jdkLeak"));
      int socketsLeft = Sockets.available() ? Sockets.established(server.port(0)) : 0;
      assertThat(socketsLeft).as("leaked streams' sockets closed").isLessThanOrEqualTo(10);
    }
  }

  @Test
  void timeoutNamesTheHolders() throws Exception {
    RecordingListener events = new RecordingListener();
    try (TestServer server = new TestServer(1);
        LeakproofHttpClient client =
            wrapped(events, 1, Duration.ofMillis(300), Duration.ofSeconds(1))) {
      HttpResponse<InputStream> held = Borrowers.jdkHold(client, server.uri(0, "/big"));
      assertThatThrownBy(() -> Borrowers.jdkGet(client, server.uri(0, "/small")))
          .isInstanceOf(HttpConnectTimeoutException.class)
          .hasMessageContaining("jdk.127.0.0.1_" + server.port(0))
          .hasMessageContaining("Borrowers.jdkHold")
          .hasCauseInstanceOf(AcquireTimeoutException.class);
      held.body().close();
      assertThat(Borrowers.jdkGet(client, server.uri(0, "/small"))).isEqualTo(200);
    }
  }

  @Test
  void closeWithHeldBodiesFinishesWithinItsTimeout() throws Exception {
    RecordingListener events = new RecordingListener();
    List<HttpResponse<InputStream>> held = new ArrayList<>();
    try (TestServer server = new TestServer(1)) {
      LeakproofHttpClient client =
          wrapped(events, 4, Duration.ofSeconds(5), Duration.ofMillis(500));
      for (int i = 0; i < 3; i++) {
        held.add(Borrowers.jdkHold(client, server.uri(0, "/big")));
      }
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> client.close());
      assertThat(events.reclaimed())
          .hasSize(3)
          .allSatisfy(l -> assertThat(l.lease().callSite().methodName()).isEqualTo("jdkHold"));
      assertThat(held).hasSize(3);
    }
  }
}
