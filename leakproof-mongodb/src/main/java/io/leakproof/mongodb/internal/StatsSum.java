package io.leakproof.mongodb.internal;

import io.leakproof.mongodb.MongoPoolStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sums per-server snapshots into a client-wide one (percentiles: the worst server's). */
public final class StatsSum {
  private StatsSum() {}

  /**
   * Sums snapshots.
   *
   * @param all per-server snapshots
   * @param cursorsOpen the client-wide open cursors
   * @param cursorLeaks the client-wide cursor leaks
   * @param sessionLeaks the client-wide session leaks
   * @return the sum
   */
  public static MongoPoolStats sum(
      List<MongoPoolStats> all, long cursorsOpen, long cursorLeaks, long sessionLeaks) {
    int max = 0;
    int alive = 0;
    int inUse = 0;
    int idle = 0;
    int connecting = 0;
    int waiting = 0;
    int peak = 0;
    long checkouts = 0;
    long waitCount = 0;
    long timeouts = 0;
    long errors = 0;
    long created = 0;
    long suspected = 0;
    Duration totalWait = Duration.ZERO;
    Duration p50 = Duration.ZERO;
    Duration p99 = Duration.ZERO;
    Duration waitMax = Duration.ZERO;
    Map<String, Long> closed = new TreeMap<>();
    for (MongoPoolStats s : all) {
      max += s.maxPoolSize();
      alive += s.socketsAlive();
      inUse += s.socketsInUse();
      idle += s.idle();
      connecting += s.connecting();
      waiting += s.waiting();
      peak += s.peakInUse();
      checkouts += s.checkouts();
      waitCount += s.waitCount();
      timeouts += s.timeouts();
      errors += s.checkoutErrors();
      created += s.created();
      suspected += s.leaksSuspected();
      totalWait = totalWait.plus(s.totalWait());
      p50 = max(p50, s.waitP50());
      p99 = max(p99, s.waitP99());
      waitMax = max(waitMax, s.waitMax());
      s.closedByReason().forEach((k, v) -> closed.merge(k, v, Long::sum));
    }
    return new MongoPoolStats(
        max, alive, inUse, idle, connecting, waiting, peak, checkouts, waitCount, totalWait, p50,
        p99, waitMax, timeouts, errors, created, closed, suspected, cursorsOpen, cursorLeaks,
        sessionLeaks);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
