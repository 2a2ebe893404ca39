package io.leakproof.management;

import io.leakproof.CallSiteCapture;
import io.leakproof.CallSiteStats;
import io.leakproof.CloseReason;
import io.leakproof.Pool;
import io.leakproof.PoolConfig;
import io.leakproof.PoolException;
import io.leakproof.PoolStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link PoolMXBean} of one pool: a thin read-through view, with no state of its own.
 *
 * <p>Exceptions crossing JMX must be JDK classes (a remote client may not have Leakproof's), so
 * pool exceptions from operations are rethrown as {@link IllegalStateException} with the same
 * message and no cause.
 */
final class ManagedPool implements PoolMXBean {
  /** Nanoseconds per millisecond, for the {@code *Millis} attributes. */
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final Pool<?> pool;

  ManagedPool(Pool<?> pool) {
    this.pool = pool;
  }

  private PoolStats stats() {
    return pool.stats();
  }

  @Override
  public String getName() {
    return pool.name();
  }

  @Override
  public boolean isClosed() {
    return pool.isClosed();
  }

  @Override
  public int getMaxSize() {
    return stats().maxSize();
  }

  @Override
  public int getMinIdle() {
    return stats().minIdle();
  }

  @Override
  public int getOpen() {
    return stats().open();
  }

  @Override
  public int getIdle() {
    return stats().idle();
  }

  @Override
  public int getLeased() {
    return stats().leased();
  }

  @Override
  public int getConnecting() {
    return stats().connecting();
  }

  @Override
  public int getClosing() {
    return stats().closing();
  }

  @Override
  public int getWaiting() {
    return stats().waiting();
  }

  @Override
  public int getPeakLeased() {
    return stats().peakLeased();
  }

  @Override
  public long getAcquired() {
    return stats().acquired();
  }

  @Override
  public long getWaitCount() {
    return stats().waitCount();
  }

  @Override
  public long getTotalWaitMillis() {
    return stats().totalWait().toMillis();
  }

  @Override
  public long getTimeouts() {
    return stats().timeouts();
  }

  @Override
  public long getRejected() {
    return stats().rejected();
  }

  @Override
  public long getCreated() {
    return stats().created();
  }

  @Override
  public long getCreateFailures() {
    return stats().createFailures();
  }

  @Override
  public Map<String, Long> getClosedByReason() {
    PoolStats s = stats();
    Map<String, Long> out = new LinkedHashMap<>();
    for (CloseReason r : CloseReason.values()) {
      out.put(r.name().toLowerCase(Locale.ROOT), s.closed(r));
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public long getLeaksSuspected() {
    return stats().leaksSuspected();
  }

  @Override
  public long getLeaksReclaimed() {
    return stats().leaksReclaimed();
  }

  @Override
  public long getAcquireTimeoutMillis() {
    return pool.config().acquireTimeout().toNanos() / NANOS_PER_MILLI;
  }

  @Override
  public long getLeakWarningThresholdMillis() {
    return pool.config().leakWarningThreshold().toNanos() / NANOS_PER_MILLI;
  }

  @Override
  public long getMaxHoldTimeMillis() {
    return pool.config().maxHoldTime().toNanos() / NANOS_PER_MILLI;
  }

  @Override
  public String getCallSiteCapture() {
    PoolConfig c = pool.config();
    return c.callSiteCapture() == CallSiteCapture.SAMPLED
        ? "SAMPLED 1/" + c.callSiteSampleRate()
        : c.callSiteCapture().name();
  }

  @Override
  public List<CallSiteRow> getCallSites() {
    List<CallSiteStats> sites = pool.callSiteStats();
    List<CallSiteRow> rows = new ArrayList<>(sites.size());
    for (CallSiteStats s : sites) {
      rows.add(CallSiteRow.of(s));
    }
    return rows;
  }

  @Override
  public String callSiteTable() {
    List<CallSiteRow> rows = getCallSites();
    if (rows.isEmpty()) {
      return "No call sites recorded in pool '"
          + pool.name()
          + "' (call-site capture is "
          + getCallSiteCapture()
          + ").\n";
    }
    StringBuilder b = new StringBuilder(128 + rows.size() * 96);
    b.append(
        String.format(
            Locale.ROOT,
            "%8s %7s %12s %12s %9s %9s  %s%n",
            "leases",
            "active",
            "mean hold ms",
            "max hold ms",
            "suspected",
            "reclaimed",
            "call site"));
    for (CallSiteRow r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "%8d %7d %12.3f %12.3f %9d %9d  %s%n",
              r.leases(),
              r.active(),
              r.meanHoldMillis(),
              r.maxHoldMillis(),
              r.leaksSuspected(),
              r.leaksReclaimed(),
              r.callSite()));
    }
    return b.toString();
  }

  @Override
  public String dumpText() {
    return pool.dump().toText();
  }

  @Override
  public String dumpJson() {
    return pool.dump().toJson();
  }

  @Override
  public void softEvict() {
    pool.softEvict();
  }

  @Override
  public void resize(int maxSize) {
    try {
      pool.resize(maxSize);
    } catch (PoolException e) {
      throw new IllegalStateException(e.getMessage()); // no cause: JMX clients lack the class
    }
  }

  @Override
  public void resize(int minIdle, int maxSize) {
    try {
      pool.resize(minIdle, maxSize);
    } catch (PoolException e) {
      throw new IllegalStateException(e.getMessage()); // no cause: JMX clients lack the class
    }
  }
}
