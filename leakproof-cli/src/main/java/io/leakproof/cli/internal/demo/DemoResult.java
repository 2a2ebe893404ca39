package io.leakproof.cli.internal.demo;

import io.leakproof.cli.internal.pool.LeakSummary;
import java.util.Map;

/**
 * What happened to one pool in the demo.
 *
 * @param name the pool's command-line name
 * @param title the pool's product name and version
 * @param leakPolicy what the pool does about leaks, as configured
 * @param seconds how long requests arrived
 * @param requests requests issued
 * @param ok requests served
 * @param failed requests the shop itself failed (its own SQL errors, such as the refused
 *     reservation)
 * @param timeouts requests that gave up waiting for a connection
 * @param otherErrors requests that failed otherwise (the pool could not connect, ...)
 * @param waitP50Nanos median wait in {@code getConnection()}
 * @param waitP99Nanos 99th percentile wait
 * @param waitMaxNanos longest wait
 * @param maxSize the pool's maximum size
 * @param peakLeased the most connections leased at a sample
 * @param exhaustedSeconds how long all connections were leased with requests waiting
 * @param firstTimeoutSeconds when the first request timed out, or -1
 * @param peakServerSessions the most sessions the server counted for the pool, or -1
 * @param leaksMade requests that took a leaking path and leaked
 * @param leaks the leaks the pool reported and reclaimed
 * @param leftOpen physical connections still open after the pool closed
 * @param timeline the samples, by series ({@code t} first)
 */
public record DemoResult(
    String name,
    String title,
    String leakPolicy,
    double seconds,
    long requests,
    long ok,
    long failed,
    long timeouts,
    long otherErrors,
    long waitP50Nanos,
    long waitP99Nanos,
    long waitMaxNanos,
    int maxSize,
    int peakLeased,
    double exhaustedSeconds,
    double firstTimeoutSeconds,
    int peakServerSessions,
    long leaksMade,
    LeakSummary leaks,
    int leftOpen,
    Map<String, double[]> timeline) {

  /** Returns requests served per second. */
  public double throughput() {
    return seconds <= 0 ? 0 : ok / seconds;
  }
}
