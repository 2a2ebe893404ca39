package io.leakproof.internal;

import io.leakproof.CloseReason;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * The timed rules, applied by one sweep at a given time: creation deadlines, idle timeout, max
 * lifetime, keepalive checks, leak thresholds and hold limits, expired waiters, minIdle, and the
 * collection an exhausted pool asks for when its leases look leaked. {@link #sweep} is a function
 * of {@code now} that returns the next deadline (the housekeeper schedules it; tests on fake time
 * call it directly).
 *
 * <p>Implementation notes: one sweep at a time ({@link #sweeping}); it takes no lock of its own,
 * and every resource it retires or checks is first taken by compare-and-set (IDLE → RESERVED), so
 * it races safely with borrowers.
 *
 * @param <R> the resource type
 */
final class Maintenance<R> {
  /** While callers wait on an exhausted pool, a sweep runs at least this often. */
  static final long WAITING_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** A sweep runs at least this often in any case (a safety net for missed deadlines). */
  static final long MAX_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * On an exhausted pool, the check for leak evidence runs at most this often: a suspect must be
   * at least a millisecond old anyway (see {@link LeakWatch#SUSPECT_MIN_AGE_NANOS}).
   */
  static final long EXHAUSTED_CHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  private final Settings settings;
  private final SlotTable<R> slots;
  private final HandOff<R> handOff;
  private final Creator<R> creator;
  private final Freshness<R> freshness;
  private final Resources<R> resources;
  private final LeakWatch<R> leaks;
  private final Counters counters;
  private final Executor worker;
  private final LongConsumer sweepBy;
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private volatile long lastExhaustedCheckNanos;

  Maintenance(
      Settings settings,
      SlotTable<R> slots,
      HandOff<R> handOff,
      Creator<R> creator,
      Freshness<R> freshness,
      Resources<R> resources,
      LeakWatch<R> leaks,
      Counters counters,
      Executor worker,
      LongConsumer sweepBy) {
    this.settings = settings;
    this.slots = slots;
    this.handOff = handOff;
    this.creator = creator;
    this.freshness = freshness;
    this.resources = resources;
    this.leaks = leaks;
    this.counters = counters;
    this.worker = worker;
    this.sweepBy = sweepBy;
    this.lastExhaustedCheckNanos = settings.ticker.read() - EXHAUSTED_CHECK_NANOS;
  }

  /** When the first sweep is due after the pool opened. */
  long firstSweepAt(long now) {
    return now + Math.min(MAX_SWEEP_NANOS, settings.shortestIntervalNanos);
  }

  /**
   * Runs one maintenance pass at {@code now}.
   *
   * @return when the next pass is due, on the pool's ticker
   */
  long sweep(long now) {
    if (!sweeping.compareAndSet(false, true)) {
      return now + Housekeeper.MIN_INTERVAL_NANOS;
    }
    try {
      // Deadlines of leases and idle periods that start after this pass are at least one
      // interval away: capping at the shortest interval keeps every signal on time.
      long next = firstSweepAt(now);
      next = Math.min(next, creator.sweep(now));
      next = Math.min(next, sweepSlots(now));
      int waiting = handOff.wakeExpired(now);
      counters.observeLeased(slots.busy());
      creator.fill();
      if (waiting > 0) {
        next = Math.min(next, now + WAITING_SWEEP_NANOS);
        if (exhausted()) {
          long suspectAt = leaks.nextSuspectAt(now);
          if (suspectAt == 0) {
            leaks.requestGc(now);
          } else if (suspectAt != Long.MAX_VALUE && suspectAt - next < 0) {
            next = suspectAt; // check again when the oldest lease becomes a suspect
          }
        }
      }
      return Math.max(next, now + Housekeeper.MIN_INTERVAL_NANOS);
    } finally {
      sweeping.set(false);
    }
  }

  /**
   * Whether nothing but a returned (or reclaimed) lease can serve the waiters: every place is
   * taken and no creation is in flight.
   */
  boolean exhausted() {
    return handOff.hasWaiters() && slots.open() >= slots.maxSize() && creator.connecting() == 0;
  }

  /**
   * Called when a caller queues on an exhausted pool: leaks may be what exhausts it. At most once
   * per {@link #EXHAUSTED_CHECK_NANOS}: on a saturated pool every acquisition queues, and this
   * scans the slots.
   */
  void onExhausted(long now) {
    long last = lastExhaustedCheckNanos;
    if (now - last < EXHAUSTED_CHECK_NANOS) {
      return;
    }
    lastExhaustedCheckNanos = now;
    counters.observeLeased(slots.busy());
    long suspectAt = leaks.nextSuspectAt(now);
    if (suspectAt == 0) {
      leaks.requestGc(now);
    }
    long recheck = now + WAITING_SWEEP_NANOS;
    boolean sooner = suspectAt != 0 && suspectAt != Long.MAX_VALUE && suspectAt - recheck < 0;
    sweepBy.accept(sooner ? suspectAt : recheck); // sooner: when the oldest lease is a suspect
  }

  /** Applies the timed rules to every resource; returns the earliest deadline among them. */
  private long sweepSlots(long now) {
    long next = Long.MAX_VALUE;
    int removableIdle = slots.open() - slots.minIdle();
    for (Slot<R> s : slots.all()) {
      switch (s.state()) {
        case IDLE -> {
          CloseReason reason = freshness.retireReason(s, now);
          if (reason == null
              && settings.idleTimeoutNanos > 0
              && removableIdle > 0
              && now - s.idleSinceNanos() >= settings.idleTimeoutNanos) {
            reason = CloseReason.IDLE_TIMEOUT;
          }
          if (reason != null) {
            if (s.tryReserve()) {
              resources.destroy(s, reason);
              removableIdle--;
            }
            continue;
          }
          if (settings.keepaliveNanos > 0 && now - s.lastUsedNanos() >= settings.keepaliveNanos) {
            if (s.tryReserve()) {
              keepalive(s);
            }
            continue;
          }
          if (settings.maxLifetimeNanos > 0) {
            next = Math.min(next, s.expiresAtNanos());
          }
          if (settings.idleTimeoutNanos > 0 && removableIdle > 0) {
            next = Math.min(next, s.idleSinceNanos() + settings.idleTimeoutNanos);
          }
          if (settings.keepaliveNanos > 0) {
            next = Math.min(next, s.lastUsedNanos() + settings.keepaliveNanos);
          }
        }
        case LEASED -> next = Math.min(next, leaks.sweepLease(s, now));
        default -> {}
      }
    }
    return next;
  }

  /** Validates a reserved idle resource on a worker; it goes back idle or is closed. */
  private void keepalive(Slot<R> slot) {
    try {
      worker.execute(
          () -> {
            if (resources.validate(slot)) {
              slot.markValidated(settings.ticker.read());
              handOff.offer(slot, 0, false);
            } else {
              freshness.suspectEveryResource(settings.ticker.read());
              resources.destroy(slot, CloseReason.VALIDATION_FAILED);
            }
          });
    } catch (RejectedExecutionException closing) {
      resources.destroy(slot, CloseReason.SHUTDOWN);
    }
  }
}
