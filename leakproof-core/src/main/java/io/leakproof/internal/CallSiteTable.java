package io.leakproof.internal;

import io.leakproof.CallSite;
import io.leakproof.CallSiteStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-call-site statistics of one pool: leases, active leases, hold times and leaks.
 *
 * <p>Bounded: once {@code maxSites} distinct sites are known, further sites are counted under
 * {@link CallSiteStats#OTHER}, so that a program generating call sites (lambdas in a loop, code
 * generation) cannot grow the table without limit. Only captured leases are counted.
 */
final class CallSiteTable {
  private final ConcurrentHashMap<CallSite, Entry> entries = new ConcurrentHashMap<>();
  private final int maxSites;
  private final Entry other = new Entry(CallSiteStats.OTHER);

  CallSiteTable(int maxSites) {
    this.maxSites = maxSites;
  }

  /** Returns the entry that counts leases acquired at {@code site}. */
  Entry entryFor(CallSite site) {
    Entry e = entries.get(site);
    if (e != null) {
      return e;
    }
    if (entries.size() >= maxSites) {
      return other;
    }
    return entries.computeIfAbsent(site, Entry::new);
  }

  List<CallSiteStats> snapshot() {
    List<CallSiteStats> out = new ArrayList<>(entries.size() + 1);
    for (Entry e : entries.values()) {
      out.add(e.stats());
    }
    if (other.leases.sum() > 0) {
      out.add(other.stats());
    }
    out.sort(
        Comparator.comparingLong(CallSiteStats::leaksReclaimed)
            .thenComparingLong(CallSiteStats::leaksSuspected)
            .thenComparingLong(CallSiteStats::active)
            .thenComparingLong(CallSiteStats::leases)
            .reversed());
    return out;
  }

  /** The counters of one call site. Every method is thread-safe and non-blocking. */
  static final class Entry {
    final CallSite site;
    final LongAdder leases = new LongAdder();
    final LongAdder active = new LongAdder();
    final LongAdder totalHoldNanos = new LongAdder();
    final AtomicLong maxHoldNanos = new AtomicLong();
    final LongAdder suspected = new LongAdder();
    final LongAdder reclaimed = new LongAdder();

    Entry(CallSite site) {
      this.site = site;
    }

    void leased() {
      leases.increment();
      active.increment();
    }

    void ended(long holdNanos) {
      active.decrement();
      totalHoldNanos.add(holdNanos);
      long max = maxHoldNanos.get();
      while (holdNanos > max && !maxHoldNanos.compareAndSet(max, holdNanos)) {
        max = maxHoldNanos.get();
      }
    }

    CallSiteStats stats() {
      return new CallSiteStats(
          site,
          leases.sum(),
          Math.max(0, active.sum()),
          Duration.ofNanos(totalHoldNanos.sum()),
          Duration.ofNanos(maxHoldNanos.get()),
          suspected.sum(),
          reclaimed.sum());
    }
  }
}
