package io.leakproof.mongodb;

import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of a MongoDB client's connection pools (one server's, or all servers' summed): the
 * fields of mgo's {@code GetStats} ({@code SocketsAlive}, {@code SocketsInUse}) plus what the
 * JDBC pool reports (waiting, waits, timeouts, closes by reason) and what only Leakproof knows
 * (cursor and session leaks).
 *
 * @param maxPoolSize the driver's {@code maxPoolSize} (summed over servers)
 * @param socketsAlive open connections: in use, idle and being established
 * @param socketsInUse connections checked out now
 * @param idle connections open and not checked out
 * @param connecting connections created but not yet ready
 * @param waiting threads waiting for a checkout now
 * @param peakInUse the most connections checked out at once
 * @param checkouts checkouts granted
 * @param waitCount checkouts that waited at least 1 ms
 * @param totalWait the sum of every checkout's wait
 * @param waitP50 median checkout wait (bucketed, within 25%)
 * @param waitP99 99th-percentile checkout wait (bucketed, within 25%)
 * @param waitMax the longest checkout wait
 * @param timeouts checkouts that timed out waiting for a connection
 * @param checkoutErrors checkouts that failed for another reason (connection error, pool closed)
 * @param created connections created
 * @param closedByReason connections closed, by the driver's reason in lower case ({@code stale},
 *     {@code idle}, {@code error}, {@code pool_closed})
 * @param leaksSuspected checkouts held past the leak-warning threshold
 * @param cursorsOpen cursors opened through Leakproof and not yet closed or collected
 * @param cursorLeaks cursors collected with their server-side cursor open (killed by Leakproof)
 * @param sessionLeaks sessions collected without {@code close()} (closed by Leakproof)
 */
public record MongoPoolStats(
    int maxPoolSize,
    int socketsAlive,
    int socketsInUse,
    int idle,
    int connecting,
    int waiting,
    int peakInUse,
    long checkouts,
    long waitCount,
    Duration totalWait,
    Duration waitP50,
    Duration waitP99,
    Duration waitMax,
    long timeouts,
    long checkoutErrors,
    long created,
    Map<String, Long> closedByReason,
    long leaksSuspected,
    long cursorsOpen,
    long cursorLeaks,
    long sessionLeaks) {

  /**
   * Copies the map.
   *
   * @throws NullPointerException if a duration or the map is null
   */
  public MongoPoolStats {
    closedByReason = Map.copyOf(closedByReason);
    java.util.Objects.requireNonNull(totalWait, "totalWait");
    java.util.Objects.requireNonNull(waitP50, "waitP50");
    java.util.Objects.requireNonNull(waitP99, "waitP99");
    java.util.Objects.requireNonNull(waitMax, "waitMax");
  }

  /**
   * Returns the connections closed, all reasons together.
   *
   * @return the sum of {@link #closedByReason()}
   */
  public long closed() {
    long n = 0;
    for (long v : closedByReason.values()) {
      n += v;
    }
    return n;
  }

  /**
   * Returns the counts in the form the timeout message uses.
   *
   * @return for example {@code maxPoolSize 20: 20 in use, 0 idle, 0 connecting; 37 waiting}
   */
  public String gauges() {
    return "maxPoolSize "
        + maxPoolSize
        + ": "
        + socketsInUse
        + " in use, "
        + idle
        + " idle, "
        + connecting
        + " connecting; "
        + waiting
        + " waiting";
  }
}
