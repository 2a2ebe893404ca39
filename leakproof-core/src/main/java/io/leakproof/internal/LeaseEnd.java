package io.leakproof.internal;

import io.leakproof.CloseReason;
import io.leakproof.LeakReclaimPolicy;
import io.leakproof.LeakSignal;
import io.leakproof.LeaseSnapshot;
import io.leakproof.PoolStats;
import io.leakproof.spi.PoolEvent;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The one place where a lease ends (promise 3), whoever ends it: its holder (close, invalidate),
 * a handle factory that failed, the leak reaper (a collected handle), the hold limit, or
 * shutdown. Each path wins the lease by swapping its token out of the slot (compare-and-set),
 * then runs the same steps in the same order: account the hold to the call site, clear the
 * lease, decide what becomes of the resource, tell the listeners, and make it idle or destroy it.
 *
 * <p>Implementation notes: no lock. The holder's path is the hot one and is kept small (C2
 * inlines it into the borrower's close); its rare work (hold statistics, a suspect's follow-up,
 * listeners) is in {@link #timedRelease}.
 *
 * @param <R> the resource type
 */
final class LeaseEnd<R> {
  /** Called once a pool-side end has been decided, before the resource is disposed of. */
  interface Report {
    /**
     * Receives the outcome.
     *
     * @param reused whether the resource goes back to the pool (after a reset) instead of closing
     */
    void ended(boolean reused);
  }

  private final Settings settings;
  private final Freshness<R> freshness;
  private final Resources<R> resources;
  private final HandOff<R> handOff;
  private final Counters counters;
  private final Listeners listeners;
  private final Diagnosis diagnosis;
  private final Supplier<PoolStats> stats;
  private final LongConsumer escalateCapture;
  private final LeakReclaimPolicy reclaimPolicy;
  private final long leakWarningNanos;

  LeaseEnd(
      Settings settings,
      Freshness<R> freshness,
      Resources<R> resources,
      HandOff<R> handOff,
      Counters counters,
      Listeners listeners,
      Diagnosis diagnosis,
      Supplier<PoolStats> stats,
      LongConsumer escalateCapture,
      LeakReclaimPolicy reclaimPolicy,
      long leakWarningNanos) {
    this.settings = settings;
    this.freshness = freshness;
    this.resources = resources;
    this.handOff = handOff;
    this.counters = counters;
    this.listeners = listeners;
    this.diagnosis = diagnosis;
    this.stats = stats;
    this.escalateCapture = escalateCapture;
    this.reclaimPolicy = reclaimPolicy;
    this.leakWarningNanos = leakWarningNanos;
  }

  /**
   * Ends a lease on its holder's request (close or invalidate).
   *
   * @return whether this call ended the lease
   */
  boolean byHolder(Slot<R> slot, Object token, boolean invalidate) {
    if (!slot.tryEndLeaseByHolder(token)) {
      return false;
    }
    // The precise clock only for leases whose hold time somebody needs: sampled (captured) ones,
    // suspects, and when a listener wants hold times; the coarse one otherwise (a precise read
    // costs about a quarter of a whole borrow).
    long now;
    if (slot.siteEntry() != null || slot.suspected() || listeners.wantsRelease()) {
      now = settings.ticker.read();
      timedRelease(slot, now);
    } else {
      now = settings.coarseClock ? CoarseClock.nanos() : settings.ticker.read();
    }
    CloseReason reason;
    if (invalidate) {
      reason = CloseReason.INVALIDATED;
    } else if (slot.broken()) {
      reason = CloseReason.BROKEN;
    } else {
      reason = freshness.retireReason(slot, now);
    }
    slot.clearLease();
    if (reason == null) {
      reason = resources.reset(slot);
    }
    dispose(slot, now, reason);
    return true;
  }

  /** The rare part of a holder's end: hold statistics, a suspect's follow-up, release listeners. */
  private void timedRelease(Slot<R> slot, long now) {
    long hold = Math.max(0, now - slot.acquiredAtNanos());
    slot.recordHold(hold);
    account(slot, hold, false);
    if (slot.suspected()) {
      LeaseSnapshot snap = slot.snapshot(now);
      listeners.leakReturned(
          new PoolEvent.Leak(
              settings.name,
              LeakSignal.HELD_TOO_LONG,
              snap,
              stats.get(),
              diagnosis.leakReturned(snap, leakWarningNanos)));
    }
    if (listeners.wantsRelease()) {
      listeners.released(slot, hold);
    }
  }

  /** Undoes a grant whose handle factory failed: the resource is fine, so it goes back. */
  void abort(Slot<R> slot) {
    Object token = slot.token();
    if (token != null) {
      slot.tryEndLease(token, "its handle factory failed");
    }
    account(slot, 0, false);
    slot.clearLease();
    dispose(slot, settings.ticker.read(), null);
  }

  /**
   * Ends a lease from the pool's side: {@link LeakSignal#ABANDONED} (its handle was collected),
   * {@link LeakSignal#HOLD_LIMIT} or {@link LeakSignal#SHUTDOWN}.
   *
   * @param how what a stale handle is told ended its lease
   * @param report called after the end, before the resource is made idle or destroyed
   * @return whether this call ended the lease
   */
  boolean byPool(Slot<R> slot, Object token, LeakSignal signal, long now, String how, Report report) {
    if (!slot.tryEndLease(token, how)) {
      return false;
    }
    boolean reclaimed = signal != LeakSignal.SHUTDOWN;
    account(slot, now - slot.acquiredAtNanos(), reclaimed);
    if (reclaimed) {
      counters.leaksReclaimed.incrementAndGet();
      escalateCapture.accept(now);
    }
    // A collected handle's resource may be reused if the policy allows and nothing suggests its
    // state escaped the handle; the hold limit and shutdown always close it.
    boolean reuse =
        signal == LeakSignal.ABANDONED
            && reclaimPolicy == LeakReclaimPolicy.RESET_AND_REUSE
            && !slot.exposed()
            && !slot.broken()
            && freshness.retireReason(slot, now) == null;
    slot.clearLease();
    if (reuse) {
      reuse = resources.reset(slot) == null;
    }
    report.ended(reuse);
    CloseReason reason =
        switch (signal) {
          case HOLD_LIMIT -> CloseReason.HOLD_LIMIT;
          case SHUTDOWN -> CloseReason.SHUTDOWN;
          default -> CloseReason.LEAK_RECLAIMED;
        };
    dispose(slot, now, reuse ? null : reason);
    return true;
  }

  private static void account(Slot<?> slot, long holdNanos, boolean reclaimed) {
    CallSiteTable.Entry e = slot.siteEntry();
    if (e != null) {
      e.ended(holdNanos);
      if (reclaimed) {
        e.reclaimed.increment();
      }
    }
  }

  /** Makes the resource idle (handing it to a waiter), or destroys it for {@code reason}. */
  private void dispose(Slot<R> slot, long now, CloseReason reason) {
    if (reason == null) {
      handOff.offer(slot, now, true);
    } else {
      resources.destroy(slot, reason);
    }
  }
}
