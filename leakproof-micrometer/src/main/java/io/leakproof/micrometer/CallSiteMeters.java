package io.leakproof.micrometer;

import io.leakproof.CallSite;
import io.leakproof.CallSiteStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The per-call-site meters of one pool, with a bounded number of {@code callsite} tag values.
 *
 * <p><b>How the tag values are bounded.</b> At most {@code maxTagged} call sites have their own
 * tag value at any time; every other site, and the pool's own overflow bucket
 * ({@link CallSiteStats#OTHER}), is summed under {@code callsite="other"}. Slots go to sites in
 * the order the pool ranks them (leakiest, then busiest) as they appear. Once every slot is
 * taken, a new site takes the place of the tagged site with the fewest leaks only if it has
 * more leaks (reclaimed, then suspected) than that site: leaking sites are never hidden behind
 * busy ones, and traffic alone never churns the series.
 *
 * <p><b>Counters never go backwards.</b> A site that gets a slot at the first refresh that sees
 * it counts from zero; a site that was summed under {@code other} before it got its slot counts
 * from the moment it got it (a baseline is subtracted), and what it counted before stays in
 * {@code other}. When a site loses
 * its slot, its counts flow back into {@code other}. So {@code other} only grows, and the tagged
 * series plus {@code other} always add up to the pool's whole table. Every published counter is
 * also clamped to never decrease, because a site's count of ended leases is computed from two
 * counters read one after the other.
 *
 * <p>Implementation notes. {@link #refresh} runs under the lock of {@link PoolSnapshots} (one
 * thread at a time); it computes every value and publishes it in volatile fields that the meter
 * functions read without locking.
 */
final class CallSiteMeters {
  private static final String OTHER_VALUE = MeterNames.OTHER_CALL_SITES;

  private final MeterRegistry registry;
  private final Tags tags;
  private final int maxTagged;
  private final Map<CallSite, Site> tagged = new LinkedHashMap<>(); // guarded by refresh's caller
  private final Site other;
  private final Set<CallSite> seen = new HashSet<>(); // sites of earlier refreshes; guarded like tagged
  private final List<Meter> otherMeters = new ArrayList<>();
  private volatile PoolSnapshots snapshots;
  private boolean removed; // guarded like tagged: once removed, refresh registers nothing again

  CallSiteMeters(MeterRegistry registry, Tags tags, int maxTagged) {
    this.registry = registry;
    this.tags = tags;
    this.maxTagged = maxTagged;
    this.other = new Site(null);
  }

  /** Connects the snapshots that meter functions refresh before they read. */
  void attach(PoolSnapshots s) {
    this.snapshots = s;
  }

  /** The counters of one tag value, as published to the meters. */
  static final class Site {
    final CallSite callSite; // null for "other"
    final List<Meter> meters = new ArrayList<>();
    // Baselines at promotion (counters count from there).
    long baseLeases;
    long baseEnded;
    long baseHoldNanos;
    long baseSuspected;
    long baseReclaimed;
    // Current raw values from the last refresh (used to rank and to compute "other").
    CallSiteStats last;
    // Published values: written by refresh, read by meter functions.
    volatile long leases;
    volatile long active;
    volatile long ended;
    volatile long holdNanos;
    volatile long suspected;
    volatile long reclaimed;

    Site(CallSite callSite) {
      this.callSite = callSite;
    }

    long deltaLeases() {
      return last == null ? 0 : last.leases() - baseLeases;
    }

    long deltaEnded() {
      return last == null ? 0 : ended(last) - baseEnded;
    }

    long deltaHoldNanos() {
      return last == null ? 0 : last.totalHold().toNanos() - baseHoldNanos;
    }

    long deltaSuspected() {
      return last == null ? 0 : last.leaksSuspected() - baseSuspected;
    }

    long deltaReclaimed() {
      return last == null ? 0 : last.leaksReclaimed() - baseReclaimed;
    }
  }

  private static long ended(CallSiteStats s) {
    return Math.max(0, s.leases() - s.active());
  }

  /**
   * Brings slots and published values up to date with the pool's table.
   *
   * @param sites the pool's call-site table, in the pool's order (leakiest, then busiest)
   */
  void refresh(List<CallSiteStats> sites) {
    if (removed || (sites.isEmpty() && tagged.isEmpty())) {
      return; // nothing captured yet: register nothing
    }
    if (otherMeters.isEmpty()) {
      register(other, OTHER_VALUE, otherMeters);
    }
    Map<CallSite, CallSiteStats> bySite = new HashMap<>(sites.size() * 2);
    for (CallSiteStats s : sites) {
      bySite.put(s.callSite(), s);
    }
    for (Site t : tagged.values()) {
      CallSiteStats now = bySite.get(t.callSite);
      if (now != null) {
        t.last = now;
      }
    }
    assignSlots(sites);
    for (CallSiteStats s : sites) {
      seen.add(s.callSite());
    }

    long leases = 0;
    long ended = 0;
    long hold = 0;
    long suspected = 0;
    long reclaimed = 0;
    long active = 0;
    for (CallSiteStats s : sites) {
      leases += s.leases();
      ended += ended(s);
      hold += s.totalHold().toNanos();
      suspected += s.leaksSuspected();
      reclaimed += s.leaksReclaimed();
      active += s.active();
    }
    for (Site t : tagged.values()) {
      publish(t, t.deltaLeases(), t.deltaEnded(), t.deltaHoldNanos(), t.deltaSuspected(),
          t.deltaReclaimed(), t.last == null ? 0 : t.last.active());
      leases -= t.deltaLeases();
      ended -= t.deltaEnded();
      hold -= t.deltaHoldNanos();
      suspected -= t.deltaSuspected();
      reclaimed -= t.deltaReclaimed();
      active -= t.last == null ? 0 : t.last.active();
    }
    publish(other, leases, ended, hold, suspected, reclaimed, Math.max(0, active));
  }

  private static void publish(
      Site t, long leases, long ended, long hold, long suspected, long reclaimed, long active) {
    t.leases = Math.max(t.leases, leases);
    t.ended = Math.max(t.ended, ended);
    t.holdNanos = Math.max(t.holdNanos, hold);
    t.suspected = Math.max(t.suspected, suspected);
    t.reclaimed = Math.max(t.reclaimed, reclaimed);
    t.active = active;
  }

  private void assignSlots(List<CallSiteStats> ranked) {
    for (CallSiteStats s : ranked) {
      if (s.callSite().equals(CallSiteStats.OTHER) || tagged.containsKey(s.callSite())) {
        continue;
      }
      if (tagged.size() < maxTagged) {
        promote(s);
        continue;
      }
      Site weakest = weakest();
      if (weakest == null || compareLeaks(s, weakest.last) <= 0) {
        // The table is ranked leakiest first: no later site can have more leaks than this one.
        return;
      }
      demote(weakest);
      promote(s);
    }
  }

  /** Returns the tagged site with the fewest leaks (then the fewest leases). */
  private Site weakest() {
    Site w = null;
    for (Site t : tagged.values()) {
      if (w == null || compareLeaks(t.last, w.last) < 0
          || (compareLeaks(t.last, w.last) == 0 && leases(t.last) < leases(w.last))) {
        w = t;
      }
    }
    return w;
  }

  private static long leases(CallSiteStats s) {
    return s == null ? 0 : s.leases();
  }

  private static int compareLeaks(CallSiteStats a, CallSiteStats b) {
    long ar = a == null ? 0 : a.leaksReclaimed();
    long br = b == null ? 0 : b.leaksReclaimed();
    if (ar != br) {
      return Long.compare(ar, br);
    }
    long as = a == null ? 0 : a.leaksSuspected();
    long bs = b == null ? 0 : b.leaksSuspected();
    return Long.compare(as, bs);
  }

  private void promote(CallSiteStats s) {
    Site t = new Site(s.callSite());
    t.last = s;
    if (seen.contains(s.callSite())) {
      // Its counts so far were published under "other": they stay there.
      t.baseLeases = s.leases();
      t.baseEnded = ended(s);
      t.baseHoldNanos = s.totalHold().toNanos();
      t.baseSuspected = s.leaksSuspected();
      t.baseReclaimed = s.leaksReclaimed();
    }
    tagged.put(s.callSite(), t);
    register(t, s.callSite().toString(), t.meters);
  }

  private void demote(Site t) {
    tagged.remove(t.callSite);
    for (Meter m : t.meters) {
      registry.remove(m);
    }
    t.meters.clear();
  }

  private void register(Site t, String value, List<Meter> into) {
    Tags siteTags = tags.and(MeterNames.TAG_CALL_SITE, value);
    into.add(
        FunctionCounter.builder(MeterNames.CALL_SITE_LEASES, t, this::leasesOf)
            .tags(siteTags)
            .description("Leases acquired at this call site (captured leases only)")
            .register(registry));
    into.add(
        Gauge.builder(MeterNames.CALL_SITE_ACTIVE, t, this::activeOf)
            .tags(siteTags)
            .description("Leases acquired at this call site and held now")
            .strongReference(true)
            .register(registry));
    into.add(
        FunctionTimer.builder(
                MeterNames.CALL_SITE_HOLD, t, this::endedOf, this::holdNanosOf, TimeUnit.NANOSECONDS)
            .tags(siteTags)
            .description("Leases from this call site that ended (returned or reclaimed), and how long they were held")
            .register(registry));
    into.add(
        FunctionCounter.builder(MeterNames.CALL_SITE_LEAKS_SUSPECTED, t, this::suspectedOf)
            .tags(siteTags)
            .description("Leases from this call site held past leakWarningThreshold")
            .register(registry));
    into.add(
        FunctionCounter.builder(MeterNames.CALL_SITE_LEAKS_RECLAIMED, t, this::reclaimedOf)
            .tags(siteTags)
            .description("Leases from this call site reclaimed as leaked")
            .register(registry));
  }

  private void touch() {
    PoolSnapshots s = snapshots;
    if (s != null) {
      s.touch();
    }
  }

  private double leasesOf(Site t) {
    touch();
    return t.leases;
  }

  private double activeOf(Site t) {
    touch();
    return t.active;
  }

  private long endedOf(Site t) {
    touch();
    return t.ended;
  }

  private double holdNanosOf(Site t) {
    touch();
    return t.holdNanos;
  }

  private double suspectedOf(Site t) {
    touch();
    return t.suspected;
  }

  private double reclaimedOf(Site t) {
    touch();
    return t.reclaimed;
  }

  /** Removes every meter this object registered, for good. Called under the snapshots' lock. */
  void removeAll() {
    removed = true;
    for (Site t : tagged.values()) {
      for (Meter m : t.meters) {
        registry.remove(m);
      }
      t.meters.clear();
    }
    tagged.clear();
    for (Meter m : otherMeters) {
      registry.remove(m);
    }
    otherMeters.clear();
  }

  /** Returns the tag values in use, "other" included (for tests and diagnostics). */
  List<String> tagValues() {
    List<String> out = new ArrayList<>();
    for (CallSite c : tagged.keySet()) {
      out.add(c.toString());
    }
    if (!otherMeters.isEmpty()) {
      out.add(OTHER_VALUE);
    }
    return out;
  }
}
