package io.leakproof.spring.boot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends a bounded number of GET requests to 127.0.0.1, a fixed number at a time, and counts the
 * answers by HTTP status (-1 for a request that failed without an answer). Stops by itself: each
 * request times out after 60 s.
 */
final class Load {
  private Load() {}

  static Map<Integer, Long> run(int port, String path, int total, int concurrency)
      throws InterruptedException {
    Map<Integer, LongAdder> counts = new ConcurrentHashMap<>();
    URI uri = URI.create("http://127.0.0.1:" + port + path);
    Semaphore inFlight = new Semaphore(concurrency);
    try (ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        HttpClient client =
            HttpClient.newBuilder().executor(threads).connectTimeout(Duration.ofSeconds(10)).build()) {
      for (int i = 0; i < total; i++) {
        inFlight.acquire();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
        var unused =
            client
            .sendAsync(request, HttpResponse.BodyHandlers.discarding())
            .whenComplete(
                (response, failure) -> {
                  int status = failure == null ? response.statusCode() : -1;
                  counts.computeIfAbsent(status, k -> new LongAdder()).increment();
                  inFlight.release();
                });
      }
      if (!inFlight.tryAcquire(concurrency, 120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("requests still running after 120 s: " + counts);
      }
    }
    Map<Integer, Long> out = new TreeMap<>();
    counts.forEach((status, n) -> out.put(status, n.sum()));
    return out;
  }

  static String get(int port, String path) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}
