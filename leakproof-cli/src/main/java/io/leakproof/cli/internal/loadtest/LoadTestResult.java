package io.leakproof.cli.internal.loadtest;

import io.leakproof.cli.internal.pool.LeakSummary;
import java.util.Map;

/**
 * What one pool did in the load test.
 *
 * @param name the pool's command-line name
 * @param title the pool's product name and version
 * @param leakPolicy what the pool does about leaks, as configured
 * @param maxSize the pool's maximum size
 * @param borrowers borrowers started
 * @param wallSeconds from the start signal to the last borrower's end
 * @param idealSeconds the shortest possible wall time
 * @param borrowed borrowers that got a connection
 * @param timeouts borrowers that gave up waiting
 * @param errors borrowers that failed otherwise (the acquisition or the hold)
 * @param waitP50Nanos median acquisition wait
 * @param waitP90Nanos 90th percentile
 * @param waitP99Nanos 99th percentile
 * @param waitMaxNanos longest wait
 * @param peakServerConnections the most sessions the server counted for the pool, or -1
 * @param sessionsMethod how the server-side count was made
 * @param created physical connections the pool opened
 * @param leaksMade borrowers that dropped their connection without closing it
 * @param leaks the leaks the pool reported and reclaimed
 * @param leftOpen physical connections still open after the pool closed
 * @param timeline the samples ({@code t}, {@code server}, {@code leased}, {@code waiting},
 *     {@code done})
 */
public record LoadTestResult(
    String name,
    String title,
    String leakPolicy,
    int maxSize,
    int borrowers,
    double wallSeconds,
    double idealSeconds,
    long borrowed,
    long timeouts,
    long errors,
    long waitP50Nanos,
    long waitP90Nanos,
    long waitP99Nanos,
    long waitMaxNanos,
    int peakServerConnections,
    String sessionsMethod,
    long created,
    long leaksMade,
    LeakSummary leaks,
    int leftOpen,
    Map<String, double[]> timeline) {

  /** Returns whether the server saw more connections than the pool's maximum. */
  public boolean exceededMax() {
    return peakServerConnections > maxSize;
  }

  /** Returns borrows per second. */
  public double throughput() {
    return wallSeconds <= 0 ? 0 : borrowed / wallSeconds;
  }

  /**
   * Returns the throughput over the ideal one ({@code borrowers / idealSeconds}): 1 when every
   * borrower was served as fast as the limit allows; lower when the pool was slower, or when
   * borrowers gave up.
   */
  public double efficiency() {
    if (idealSeconds <= 0 || borrowers == 0) {
      return borrowed == borrowers ? 1 : 0;
    }
    return Math.min(1, throughput() / (borrowers / idealSeconds));
  }

  /** Returns borrows served by an existing connection. */
  public long reused() {
    return Math.max(0, borrowed - created);
  }
}
