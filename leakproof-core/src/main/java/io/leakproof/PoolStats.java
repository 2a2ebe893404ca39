package io.leakproof;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A point-in-time snapshot of a pool's state and lifetime counters (parity with Go's
 * {@code sql.DBStats}, and more).
 *
 * <p>The gauges (open, idle, leased, connecting, closing, waiting) are read without stopping the
 * pool, so under load they describe a moment that may be a few microseconds wide; the counters
 * only ever grow.
 *
 * @param poolName the pool
 * @param maxSize the current maximum number of physical resources
 * @param minIdle the current minimum number of idle resources the pool maintains
 * @param open physical resources counted against maxSize: idle + leased + connecting + closing
 *     (+ reserved for validation or hand-off)
 * @param idle resources ready to lend
 * @param leased resources lent out
 * @param connecting creations in progress, including ones past their deadline that still hold a
 *     slot
 * @param closing resources being destroyed
 * @param waiting callers waiting to acquire
 * @param acquired leases granted since the pool opened
 * @param waitCount acquisitions that had to wait
 * @param totalWait the time spent waiting by all acquisitions
 * @param timeouts acquisitions that gave up after the acquire timeout
 * @param rejected acquisitions refused at once because {@link PoolConfig#maxWaiting()} callers
 *     were already waiting
 * @param created physical resources created
 * @param createFailures creations that failed or passed their deadline
 * @param closedByReason physical resources closed, per reason
 * @param leaksSuspected leases reported as held past {@link PoolConfig#leakWarningThreshold()}
 * @param leaksReclaimed leases reclaimed as abandoned or past {@link PoolConfig#maxHoldTime()}
 * @param peakLeased the highest leased count observed (sampled whenever an acquisition scans the
 *     pool or waits, and at every maintenance sweep; exact whenever the pool was exhausted)
 */
public record PoolStats(
    String poolName,
    int maxSize,
    int minIdle,
    int open,
    int idle,
    int leased,
    int connecting,
    int closing,
    int waiting,
    long acquired,
    long waitCount,
    Duration totalWait,
    long timeouts,
    long rejected,
    long created,
    long createFailures,
    Map<CloseReason, Long> closedByReason,
    long leaksSuspected,
    long leaksReclaimed,
    int peakLeased) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if poolName, totalWait or closedByReason is null
   */
  public PoolStats {
    java.util.Objects.requireNonNull(poolName, "poolName");
    java.util.Objects.requireNonNull(totalWait, "totalWait");
    EnumMap<CloseReason, Long> copy = new EnumMap<>(CloseReason.class);
    for (CloseReason r : CloseReason.values()) {
      copy.put(r, closedByReason.getOrDefault(r, 0L));
    }
    closedByReason = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns how many resources were closed for one reason.
   *
   * @param reason the reason
   * @return the count
   */
  public long closed(CloseReason reason) {
    return closedByReason.get(reason);
  }

  /**
   * Returns how many resources were closed for any reason.
   *
   * @return the total
   */
  public long closedTotal() {
    long sum = 0;
    for (long n : closedByReason.values()) {
      sum += n;
    }
    return sum;
  }

  /**
   * Returns the counts in one line, as the timeout message and the CLI print them.
   *
   * @return for example {@code maxSize 10: 10 leased, 0 idle, 0 connecting, 0 closing; 37 waiting}
   */
  public String gauges() {
    return "maxSize "
        + maxSize
        + ": "
        + leased
        + " leased, "
        + idle
        + " idle, "
        + connecting
        + " connecting, "
        + closing
        + " closing; "
        + waiting
        + " waiting";
  }
}
