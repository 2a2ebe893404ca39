package io.leakproof.mongodb.internal;

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
 * Per-call-site statistics of checkouts (and of cursor leaks), bounded: past {@code max} sites
 * every new site counts under {@link CallSiteStats#OTHER}. Lock-free; a site's counters are
 * created once by {@link ConcurrentHashMap#computeIfAbsent}.
 */
final class SiteTable {
  private static final class Site {
    final LongAdder leases = new LongAdder();
    final AtomicLong active = new AtomicLong();
    final LongAdder totalHoldNanos = new LongAdder();
    final AtomicLong maxHoldNanos = new AtomicLong();
    final LongAdder suspected = new LongAdder();
    final LongAdder reclaimed = new LongAdder();
  }

  private final ConcurrentHashMap<CallSite, Site> sites = new ConcurrentHashMap<>();
  private final int max;

  SiteTable(int max) {
    this.max = max;
  }

  private Site site(CallSite s) {
    Site found = sites.get(s);
    if (found != null) {
      return found;
    }
    CallSite key = sites.size() >= max ? CallSiteStats.OTHER : s;
    return sites.computeIfAbsent(key, k -> new Site());
  }

  void checkedOut(CallSite s) {
    Site t = site(s);
    t.leases.increment();
    t.active.incrementAndGet();
  }

  void checkedIn(CallSite s, long holdNanos) {
    Site t = site(s);
    t.active.decrementAndGet();
    t.totalHoldNanos.add(holdNanos);
    t.maxHoldNanos.accumulateAndGet(holdNanos, Math::max);
  }

  void suspected(CallSite s) {
    site(s).suspected.increment();
  }

  void reclaimed(CallSite s) {
    site(s).reclaimed.increment();
  }

  List<CallSiteStats> snapshot() {
    List<CallSiteStats> out = new ArrayList<>(sites.size());
    sites.forEach(
        (k, v) ->
            out.add(
                new CallSiteStats(
                    k,
                    v.leases.sum(),
                    Math.max(0, v.active.get()),
                    Duration.ofNanos(v.totalHoldNanos.sum()),
                    Duration.ofNanos(v.maxHoldNanos.get()),
                    v.suspected.sum(),
                    v.reclaimed.sum())));
    out.sort(Comparator.comparingLong(CallSiteStats::leases).reversed());
    return out;
  }
}
