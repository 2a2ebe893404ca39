package io.leakproof.internal;

import io.leakproof.LeakSignal;
import io.leakproof.LeaseSnapshot;
import io.leakproof.PoolConfig;
import io.leakproof.PoolStats;
import io.leakproof.spi.PoolEvent;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The three leak signals of one pool and what they do: abandoned leases proven by the collector
 * are reclaimed ({@link #reclaimAbandoned}); leases past the warning threshold are reported once
 * and leases past the hold limit are ended ({@link #sweepLease}); shutdown ends what is still
 * held ({@link #forceEnd}). It also decides when an exhausted pool should ask for a collection
 * ({@link #nextSuspectAt}, {@link #requestGc}), and a lease passing the warning threshold asks for
 * one too.
 *
 * <p>Implementation notes: it holds no lock and no state of its own beyond the collection rate
 * limiter; every lease it ends goes through {@link LeaseEnd#byPool}, which wins the lease by the
 * slot's compare-and-set on the lease token, so it races safely with the holder's close and with
 * the other signals.
 *
 * @param <R> the resource type
 */
// Lease tokens are compared by identity on purpose.
@SuppressWarnings("ReferenceEquality")
final class LeakWatch<R> {
  /**
   * A lease is a leak suspect, worth a garbage collection, once it is this many times older than
   * the pool's typical hold (the mean of each resource's last hold)...
   */
  static final int SUSPECT_HOLD_FACTOR = 8;

  /** ...and at least this old, so that microsecond holds do not make every lease a suspect... */
  static final long SUSPECT_MIN_AGE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /**
   * ...plus, on the coarse clock, this many of its ticks: a lease that is not sampled is stamped
   * with {@link CoarseClock}, up to a tick before it began, so a lease a few microseconds old can
   * look a tick old. Without the margin, a pool saturated by honest short holds finds a "suspect"
   * at nearly every check and asks for collections it does not need.
   */
  static final int SUSPECT_MIN_AGE_TICKS = 2;

  private final Settings settings;
  private final SlotTable<R> slots;
  private final LeaseEnd<R> leaseEnd;
  private final Counters counters;
  private final Listeners listeners;
  private final Diagnosis diagnosis;
  private final Supplier<PoolStats> stats;
  private final LongConsumer escalateCapture;
  private final Executor worker;
  private final LongConsumer sweepBy;
  private final long leakWarningNanos;
  private final long maxHoldNanos;
  private final GcTrigger gc;
  private final long suspectMinAgeNanos;

  LeakWatch(
      Settings settings,
      PoolConfig c,
      SlotTable<R> slots,
      LeaseEnd<R> leaseEnd,
      Counters counters,
      Listeners listeners,
      Diagnosis diagnosis,
      Supplier<PoolStats> stats,
      LongConsumer escalateCapture,
      Executor worker,
      LongConsumer sweepBy) {
    this.settings = settings;
    this.slots = slots;
    this.leaseEnd = leaseEnd;
    this.counters = counters;
    this.listeners = listeners;
    this.diagnosis = diagnosis;
    this.stats = stats;
    this.escalateCapture = escalateCapture;
    this.worker = worker;
    this.sweepBy = sweepBy;
    this.leakWarningNanos = Durations.toNanos(c.leakWarningThreshold());
    this.maxHoldNanos = Durations.toNanos(c.maxHoldTime());
    this.suspectMinAgeNanos =
        SUSPECT_MIN_AGE_NANOS + (settings.coarseClock ? SUSPECT_MIN_AGE_TICKS * CoarseClock.TICK_NANOS : 0);
    this.gc =
        new GcTrigger(
            c.detectAbandoned() ? Durations.toNanos(c.gcOnExhaustion()) : 0,
            counters.leaksReclaimed::get,
            c.ticker()::read,
            LeakWatch::collectGarbage);
  }

  @SuppressWarnings("SystemGc") // The point of gcOnExhaustion: see GcTrigger.
  private static void collectGarbage() {
    System.gc();
  }

  GcTrigger gc() {
    return gc;
  }

  long leakWarningNanos() {
    return leakWarningNanos;
  }

  // ------------------------------------------------------------------ collections on exhaustion

  /** Asks for a collection if the rate limit allows, and for a sweep when it will allow one. */
  void requestGc(long now) {
    long retryAt = gc.request(now, worker);
    if (retryAt != 0) {
      sweepBy.accept(retryAt);
    }
  }

  /**
   * Looks for leak suspects: leases much older than the pool's typical hold, the evidence that
   * makes a collection worth its cost. An exhausted pool whose leases are all of typical age is
   * busy, not leaking, and a collection would only find nothing and back the next one off. See
   * {@link #SUSPECT_HOLD_FACTOR}, {@link #SUSPECT_MIN_AGE_NANOS} and {@link
   * #SUSPECT_MIN_AGE_TICKS}.
   *
   * @return 0 if some lease is a suspect at {@code now}; otherwise the time at which the oldest
   *     lease held now would become one (so that an exhausted pool checks again then, not at its
   *     next periodic sweep), or {@link Long#MAX_VALUE} if none would (nothing leased, or
   *     collections off)
   */
  long nextSuspectAt(long now) {
    if (!gc.enabled()) {
      return Long.MAX_VALUE;
    }
    long holdSum = 0;
    int holds = 0;
    Slot<R>[] all = slots.all();
    for (Slot<R> s : all) {
      long h = s.lastHoldNanos();
      if (h > 0) {
        holdSum += h;
        holds++;
      }
    }
    long typical = holds == 0 ? 0 : holdSum / holds;
    long threshold = Math.max(suspectMinAgeNanos, typical * SUSPECT_HOLD_FACTOR);
    long next = Long.MAX_VALUE;
    for (Slot<R> s : all) {
      if (s.state() == SlotState.LEASED && s.token() != null) {
        long at = s.acquiredAtNanos() + threshold;
        if (now - at > 0) {
          return 0;
        }
        next = Math.min(next, at);
      }
    }
    return next;
  }

  // ------------------------------------------------------------------ abandoned

  /** Reclaims a lease whose handle was garbage-collected (called by the {@link LeakReaper}). */
  void reclaimAbandoned(LeaseRef ref) {
    reclaimed(ref);
  }

  private boolean reclaimed(LeaseRef ref) {
    @SuppressWarnings("unchecked")
    Slot<R> slot = (Slot<R>) ref.slot;
    long now = settings.ticker.read();
    LeaseSnapshot snap = slot.snapshot(now);
    return leaseEnd.byPool(
        slot,
        ref,
        LeakSignal.ABANDONED,
        now,
        "reclaimed as leaked: its handle was garbage-collected",
        reused ->
            listeners.leakReclaimed(
                new PoolEvent.Leak(
                    settings.name,
                    LeakSignal.ABANDONED,
                    snap,
                    stats.get(),
                    diagnosis.leak(LeakSignal.ABANDONED, snap, 0, reused, snap.callSite() == null))));
  }

  /**
   * At shutdown, proves what it can before waiting for holders: if any lease is held and
   * collections are allowed ({@code detectAbandoned} and {@code gcOnExhaustion > 0}), runs one
   * collection on the calling thread, then reclaims (as {@link LeakSignal#ABANDONED}) every held
   * lease whose handle the collector cleared. It reclaims them itself rather than waiting for the
   * reference queue: the {@link LeakReaper} reaches the same leases later and finds them ended
   * (the token's compare-and-set decides), so nothing is reported twice and close does not depend
   * on the reaper's timing.
   *
   * @return the number of leases proven abandoned and reclaimed here
   */
  int proveAbandonedBeforeShutdown() {
    if (!gc.enabled() || !anyHeldByRef()) {
      return 0;
    }
    gc.collectNow();
    int proven = 0;
    for (Slot<R> s : slots.all()) {
      if (s.state() == SlotState.LEASED
          && s.token() instanceof LeaseRef ref
          && ref.refersTo(null)
          && ref.slot == s) {
        if (reclaimed(ref)) {
          proven++;
        }
      }
    }
    return proven;
  }

  private boolean anyHeldByRef() {
    for (Slot<R> s : slots.all()) {
      if (s.state() == SlotState.LEASED && s.token() instanceof LeaseRef) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ held too long, hold limit

  /**
   * Applies the warning threshold and the hold limit to one leased slot.
   *
   * @return the next time this lease needs looking at
   */
  long sweepLease(Slot<R> s, long now) {
    Object token = s.token();
    if (token == null) {
      return Long.MAX_VALUE;
    }
    long acquired = s.acquiredAtNanos();
    long held = now - acquired;
    if (maxHoldNanos > 0 && held >= maxHoldNanos) {
      forceEnd(s, token, LeakSignal.HOLD_LIMIT, now, maxHoldNanos);
      return Long.MAX_VALUE;
    }
    long next = maxHoldNanos > 0 ? acquired + maxHoldNanos : Long.MAX_VALUE;
    if (leakWarningNanos > 0 && !s.suspected()) {
      if (held >= leakWarningNanos) {
        LeaseSnapshot snap = s.snapshot(now);
        if (s.token() == token) {
          s.markSuspected();
          counters.leaksSuspected.incrementAndGet();
          escalateCapture.accept(now);
          CallSiteTable.Entry e = s.siteEntry();
          if (e != null) {
            e.suspected.increment();
          }
          listeners.leakSuspected(
              new PoolEvent.Leak(
                  settings.name,
                  LeakSignal.HELD_TOO_LONG,
                  snap,
                  stats.get(),
                  diagnosis.leak(
                      LeakSignal.HELD_TOO_LONG, snap, leakWarningNanos, false, snap.callSite() == null)));
          // A lease this old is evidence too: if its handle was dropped, a collection proves it
          // now, before the pool runs short (rate-limited like the collections on exhaustion).
          // Asked for after the report, so that the suspicion comes before its proof.
          requestGc(now);
        }
      } else {
        next = Math.min(next, acquired + leakWarningNanos);
      }
    }
    return next;
  }

  /** Ends a lease from the pool's side (hold limit, shutdown) and destroys its resource. */
  void forceEnd(Slot<R> slot, Object token, LeakSignal signal, long now, long limitNanos) {
    LeaseSnapshot snap = slot.snapshot(now);
    String how =
        signal == LeakSignal.HOLD_LIMIT
            ? "reclaimed by the pool: held longer than maxHoldTime"
            : "ended by the pool's shutdown";
    leaseEnd.byPool(
        slot,
        token,
        signal,
        now,
        how,
        reused ->
            listeners.leakReclaimed(
                new PoolEvent.Leak(
                    settings.name,
                    signal,
                    snap,
                    stats.get(),
                    diagnosis.leak(signal, snap, limitNanos, false, false))));
  }
}
