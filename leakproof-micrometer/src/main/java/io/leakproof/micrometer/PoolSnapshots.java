package io.leakproof.micrometer;

import io.leakproof.CallSiteStats;
import io.leakproof.Pool;
import io.leakproof.PoolStats;
import io.micrometer.core.instrument.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Reads a pool's stats (and call-site table) at most once per time-to-live, so that one scrape
 * of a dozen gauges and counters scans the pool once and every value comes from the same
 * snapshot.
 *
 * <p>Implementation notes. The current snapshot is an immutable value behind a volatile field:
 * readers that find it fresh take no lock. A stale read takes {@link #lock}, checks again, reads
 * the pool ({@link Pool#stats()} holds the pool's own lock for microseconds, does no I/O and
 * calls no listener) and refreshes the call-site meters. Lock order: this lock, then the meter
 * registry's; the registry never calls back into a meter function while holding its own lock.
 */
final class PoolSnapshots {

  /** One reading of the pool. */
  record Snapshot(PoolStats stats, List<CallSiteStats> callSites, long takenAtNanos) {}

  private final Pool<?> pool;
  private final Clock clock;
  private final long ttlNanos;
  private final CallSiteMeters callSiteMeters; // null when per-call-site meters are off
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Snapshot current;

  PoolSnapshots(Pool<?> pool, Clock clock, long ttlNanos, CallSiteMeters callSiteMeters) {
    this.pool = pool;
    this.clock = clock;
    this.ttlNanos = ttlNanos;
    this.callSiteMeters = callSiteMeters;
  }

  /** Returns the stats of the current snapshot, reading the pool if it is older than the TTL. */
  PoolStats stats() {
    return get().stats();
  }

  /** Returns the current snapshot, reading the pool if it is older than the TTL. */
  Snapshot get() {
    Snapshot s = current;
    long now = clock.monotonicTime();
    if (s != null && now - s.takenAtNanos() < ttlNanos) {
      return s;
    }
    lock.lock();
    try {
      s = current;
      now = clock.monotonicTime();
      if (s != null && now - s.takenAtNanos() < ttlNanos) {
        return s;
      }
      PoolStats stats = pool.stats();
      List<CallSiteStats> sites = callSiteMeters == null ? List.of() : pool.callSiteStats();
      s = new Snapshot(stats, sites, now);
      if (callSiteMeters != null) {
        callSiteMeters.refresh(sites);
      }
      current = s;
      return s;
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code action} under the refresh lock (to change the call-site meters safely). */
  <T> T withLock(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** Brings the call-site meters up to date (they read values computed at refresh). */
  void touch() {
    get();
  }
}
