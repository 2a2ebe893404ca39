package io.leakproof.http;

import static org.assertj.core.api.Assertions.assertThat;

import example.http.Borrowers;
import io.leakproof.CallSiteCapture;
import io.leakproof.PoolConfig;
import io.leakproof.http.okhttp.LeakproofInterceptor;
import io.leakproof.spi.PoolEvent;
import io.leakproof.testkit.RecordingListener;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** OkHttp, bare and with the interceptor, against a real Jetty server. */
class OkHttpIT {

  private static LeakproofInterceptor interceptor(RecordingListener events, int perHost) {
    return LeakproofInterceptor.create(
        HttpPoolConfig.builder()
            .perRoute(
                PoolConfig.builder()
                    .name("okhttp")
                    .maxSize(perHost)
                    .callSiteCapture(CallSiteCapture.ALL)
                    .gcOnExhaustion(Duration.ofMillis(100))
                    .shutdownTimeout(Duration.ofSeconds(1))
                    .listener(events)
                    .build())
            .build());
  }

  private static int peakSocketsFor50ConcurrentExecutes(OkHttpClient client, TestServer server)
      throws Exception {
    Peaks peaks = new Peaks(server, 1);
    peaks.start();
    AtomicInteger failures = new AtomicInteger();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        var unused =
            threads.submit(
                () -> {
                  try {
                    Borrowers.okGet(client, server.uri(0, "/small?delayMs=50"));
                  } catch (IOException e) {
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
  void bareExecuteIsNotBoundedPerHost() throws Exception {
    OkHttpClient client = new OkHttpClient.Builder().build();
    try (TestServer server = new TestServer(1)) {
      assertThat(peakSocketsFor50ConcurrentExecutes(client, server)).isGreaterThan(10);
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  @Test
  void executeIsBoundedPerHost() throws Exception {
    RecordingListener events = new RecordingListener();
    try (TestServer server = new TestServer(1);
        LeakproofInterceptor leakproof = interceptor(events, 5)) {
      OkHttpClient client = leakproof.install(new OkHttpClient.Builder()).build();
      assertThat(peakSocketsFor50ConcurrentExecutes(client, server)).isBetween(1, 5);
      assertThat(server.peakConnections()).isBetween(1, 5);
      assertThat(events.reclaimed()).isEmpty();
      client.connectionPool().evictAll();
    }
  }

  @Test
  void droppedResponsesAreReclaimedOnceWithTheirCallSite() throws Exception {
    RecordingListener events = new RecordingListener();
    int requests = 2_000;
    int leaks = requests / 50;
    try (TestServer server = new TestServer(1);
        LeakproofInterceptor leakproof = interceptor(events, 10)) {
      OkHttpClient client = leakproof.install(new OkHttpClient.Builder()).build();
      AtomicInteger next = new AtomicInteger();
      AtomicInteger failures = new AtomicInteger();
      try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int w = 0; w < 20; w++) {
          var unused =
              workers.submit(
                  () -> {
                    for (int i = next.getAndIncrement();
                        i < requests;
                        i = next.getAndIncrement()) {
                      try {
                        if (i % 50 == 0) {
                          Borrowers.okLeak(client, server.uri(0, "/big"));
                        } else {
                          Borrowers.okGet(client, server.uri(0, "/small"));
                        }
                      } catch (IOException e) {
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
          .allSatisfy(l -> assertThat(l.lease().callSite().methodName()).isEqualTo("okLeak"));
      client.connectionPool().evictAll();
    }
  }
}
