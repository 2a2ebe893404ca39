package io.leakproof.cli.internal.http;

import com.example.shop.http.PriceClient;
import io.leakproof.CallSiteCapture;
import io.leakproof.PoolConfig;
import io.leakproof.http.HttpPoolConfig;
import io.leakproof.http.hc5.LeakproofConnectionManager;
import io.leakproof.spi.PoolEvent;
import io.leakproof.spi.PoolListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.util.Timeout;

/**
 * One side of the demo: the same workload on Apache HttpClient 5, with its own pool or with
 * Leakproof's connection manager in front, the same limits. Every request either closes its
 * response or (one in leakEvery) drops it unclosed at {@link PriceClient#hasHistory}.
 */
final class HttpDemoRun {
  /** How often the socket sampler reads /proc: fine enough to see a burst, cheap enough. */
  private static final long SAMPLE_NANOS = 5_000_000L;

  /** What one side did. */
  record Result(
      String name,
      int served,
      int timedOut,
      int failed,
      int notSent,
      int leaksMade,
      int leaksReported,
      long leaksReclaimed,
      int peakSockets,
      int socketsAfter,
      Duration wall,
      String firstReport) {}

  /** The workload's settings. */
  record Settings(int requests, int threads, int perHost, int leakEvery, Duration timeout, Duration deadline) {}

  private HttpDemoRun() {}

  static Result run(String name, boolean leakproof, DemoServer server, Settings s) throws Exception {
    List<String> reports = new ArrayList<>();
    AtomicInteger reported = new AtomicInteger();
    PoolListener listener =
        new PoolListener() {
          @Override
          public void onLeakReclaimed(PoolEvent.Leak event) {
            if (reported.getAndIncrement() == 0) {
              synchronized (reports) {
                reports.add(event.message());
              }
            }
          }
        };
    LeakproofConnectionManager lp = null;
    HttpClientConnectionManager cm;
    if (leakproof) {
      lp =
          LeakproofConnectionManager.create(
              HttpPoolConfig.builder()
                  .perRoute(
                      PoolConfig.builder()
                          .name("http-demo")
                          .maxSize(s.perHost())
                          .callSiteCapture(CallSiteCapture.ALL)
                          .logging(false)
                          .listener(listener)
                          .build())
                  .build());
      cm = lp;
    } else {
      cm =
          PoolingHttpClientConnectionManagerBuilder.create()
              .setMaxConnPerRoute(s.perHost())
              .setMaxConnTotal(s.perHost())
              .build();
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger served = new AtomicInteger();
    AtomicInteger timedOut = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger leaks = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    long start = System.nanoTime();
    long deadline = start + s.deadline().toNanos();
    try (CloseableHttpClient http =
        HttpClients.custom()
            .setConnectionManager(cm)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectionRequestTimeout(Timeout.of(s.timeout()))
                    .setResponseTimeout(Timeout.ofSeconds(10))
                    .build())
            .build()) {
      PriceClient prices = new PriceClient(http, server.uri());
      Thread sampler =
          Thread.ofPlatform()
              .daemon()
              .name("http-demo-sockets")
              .start(
                  () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                      peak.accumulateAndGet(SocketCount.established(server.port()), Math::max);
                      LockSupport.parkNanos(SAMPLE_NANOS);
                    }
                  });
      try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int w = 0; w < s.threads(); w++) {
          var unused =
              workers.submit(
                  () -> {
                    for (int i = next.getAndIncrement();
                        i < s.requests() && System.nanoTime() < deadline;
                        i = next.getAndIncrement()) {
                      try {
                        if (s.leakEvery() > 0 && i % s.leakEvery() == s.leakEvery() - 1) {
                          prices.hasHistory(i);
                          leaks.incrementAndGet(); // counted once the response is really dropped
                        } else {
                          prices.price(i);
                        }
                        served.incrementAndGet();
                      } catch (ConnectionRequestTimeoutException e) {
                        timedOut.incrementAndGet();
                      } catch (IOException | RuntimeException e) {
                        if (failed.getAndIncrement() == 0) {
                          System.err.println("http-demo: a request failed: " + e);
                        }
                      }
                    }
                  });
        }
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      if (lp != null) {
        awaitReclaimed(lp, leaks.get());
      }
      sampler.interrupt();
      sampler.join();
      int after = SocketCount.established(server.port());
      long reclaimed =
          lp == null
              ? 0
              : lp.pools().routes().values().stream().mapToLong(p -> p.stats().leaksReclaimed()).sum();
      int sent = served.get() + timedOut.get() + failed.get();
      String first;
      synchronized (reports) {
        first = reports.isEmpty() ? "" : reports.get(0);
      }
      return new Result(
          name,
          served.get(),
          timedOut.get(),
          failed.get(),
          Math.max(0, s.requests() - sent),
          leaks.get(),
          reported.get(),
          reclaimed,
          peak.get(),
          after,
          wall,
          first);
    }
  }

  /** Leaks still unreachable-but-unprocessed at the end are collected now (bounded). */
  private static void awaitReclaimed(LeakproofConnectionManager cm, int leaks) {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < end
        && cm.pools().routes().values().stream().mapToLong(p -> p.stats().leaksReclaimed()).sum()
            < leaks) {
      System.gc();
      LockSupport.parkNanos(SAMPLE_NANOS);
    }
  }
}
