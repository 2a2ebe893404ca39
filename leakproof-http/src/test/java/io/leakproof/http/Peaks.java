package io.leakproof.http;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples the ESTABLISHED sockets to each of a server's ports from {@code /proc/net/tcp} (every
 * millisecond, on a platform thread) and keeps the peaks: per host and their sum.
 */
final class Peaks {
  private final TestServer server;
  private final int hosts;
  private final AtomicIntegerArray peak;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile int total;
  private Thread sampler;

  Peaks(TestServer server) {
    this(server, 2);
  }

  Peaks(TestServer server, int hosts) {
    this.server = server;
    this.hosts = hosts;
    this.peak = new AtomicIntegerArray(hosts);
  }

  void start() {
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

  private void sample() {
    if (!Sockets.available()) {
      return;
    }
    int sum = 0;
    for (int h = 0; h < hosts; h++) {
      int n = Sockets.established(server.port(h));
      int now = n;
      peak.accumulateAndGet(h, now, Math::max);
      sum += n;
    }
    if (sum > total) {
      total = sum;
    }
  }

  void stop() throws InterruptedException {
    running.set(false);
    sampler.join();
    sample();
  }

  int perHost(int host) {
    return peak.get(host);
  }

  int total() {
    return total;
  }
}
