package io.leakproof.http;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples the ESTABLISHED sockets to each of a server's ports from {@code /proc/net/tcp{,6}}
 * (every millisecond, on a platform thread) and keeps the peaks: per host and their sum.
 *
 * <p>The kernel's table is not one atomic snapshot: a read that overlaps a close and a connect
 * can list both sockets. So a count enters the peak only when two consecutive reads both show
 * it (the smaller of the two). The connections these tests count are kept alive for the whole
 * run, so a real excess would show in every read; only the overlap artefact is filtered out.
 */
final class Peaks {
  private final TestServer server;
  private final int[] ports;
  private final int[] previous;
  private final int[] peak;
  private final AtomicBoolean running = new AtomicBoolean();
  private int previousTotal;
  private int total;
  private Thread sampler;

  Peaks(TestServer server) {
    this(server, 2);
  }

  Peaks(TestServer server, int hosts) {
    this.server = server;
    this.ports = new int[hosts];
    this.previous = new int[hosts];
    this.peak = new int[hosts];
  }

  void start() {
    for (int h = 0; h < ports.length; h++) {
      ports[h] = server.port(h);
    }
    running.set(true);
    sampler =
        Thread.ofPlatform()
            .daemon()
            .name("socket-sampler")
            .start(
                () -> {
                  while (running.get()) {
                    sample();
                    LockSupport.parkNanos(1_000_000L);
                  }
                });
  }

  // Called by the sampler thread only; read after join().
  private void sample() {
    if (!Sockets.available()) {
      return;
    }
    int[] now = Sockets.established(ports);
    int sum = 0;
    for (int h = 0; h < now.length; h++) {
      peak[h] = Math.max(peak[h], Math.min(now[h], previous[h]));
      previous[h] = now[h];
      sum += now[h];
    }
    total = Math.max(total, Math.min(sum, previousTotal));
  }

  void stop() throws InterruptedException {
    running.set(false);
    sampler.join();
  }

  int perHost(int host) {
    return peak[host];
  }

  int total() {
    return total;
  }
}
