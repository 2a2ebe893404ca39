package io.leakproof.internal;

import io.leakproof.PoolPausedException;
import io.leakproof.PoolStats;
import io.leakproof.spi.PoolEvent;
import io.leakproof.spi.ResourceFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Creation: deciding how many resources the pool needs now (waiters, minIdle), starting them on
 * the pool's worker within {@code maxConnecting}, their deadlines, and the back-off after
 * failures (promise 5: never on the caller's thread; a hung creation keeps its place but does not
 * stop others).
 *
 * <p>Implementation notes. {@link #lock} guards the bookkeeping of creations in flight; it comes
 * after the hand-off's lock in the lock order (it is never held while taking that one) and is
 * never held across the factory call or a listener. Planning reads the waiter count without the
 * hand-off's lock: every change that can make a creation necessary (a waiter queued, a creation
 * failed, a resource destroyed) calls {@link #fill} after it, so the last plan always sees it.
 *
 * <p>Pausing (MongoDB's CMAP "paused" pool). After {@code pauseAfterCreateFailures} failures in
 * sequence (errors or deadlines passed; see {@link #countTowardsPause}) while no resource is open, {@link #paused} is set and the
 * queued waiters are woken to fail at once with the creation error; newcomers fail before they
 * queue. While paused, planning keeps one creation going (with the usual back-off) even if
 * nobody waits, and the next success clears the flag before its resource is published. Both
 * writes happen under {@link #lock}; a waiter reads the flag after it queued and before it
 * parks, and the pause wakes the queue after writing it, so no waiter sleeps through a pause.
 * Resources that are open (even if all leased) keep the pool unpaused: a return can serve the
 * waiters, so a flapping server whose creations fail while connections live fails nobody early.
 *
 * @param <R> the resource type
 */
final class Creator<R> {
  /** First retry delay after a creation failed; doubles per failure in a row. */
  static final long BACKOFF_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /**
   * Longest retry delay between failing creations: short enough that acquisitions succeed
   * within a second of the database coming back, long enough not to hammer a database that is
   * down (at most maxConnecting attempts per 250 ms).
   */
  static final long BACKOFF_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /** Makes the slot of a resource just created. */
  interface SlotMaker<R> {
    Slot<R> make(R resource, long resourceId, long nowNanos, long expiresAtNanos);
  }

  /** One creation in progress; guarded by {@link #lock}. */
  private static final class Creation {
    final long startNanos;
    final long deadlineNanos;
    boolean timedOut;
    Creation next;

    Creation(long startNanos, long deadlineNanos) {
      this.startNanos = startNanos;
      this.deadlineNanos = deadlineNanos;
    }
  }

  private final Settings settings;
  private final ResourceFactory<R> factory;
  private final Resources<R> resources;
  private final SlotTable<R> slots;
  private final HandOff<R> handOff;
  private final Executor worker;
  private final Counters counters;
  private final Listeners listeners;
  private final SlotMaker<R> slotMaker;
  private final Consumer<Slot<R>> created;
  private final LongConsumer sweepBy;

  private final ReentrantLock lock = new ReentrantLock();
  private final List<Creation> creations = new ArrayList<>(); // guarded by lock
  private int connecting; // guarded by lock: creations within their deadline
  private int late; // guarded by lock: creations past their deadline, still holding a place
  private int consecutiveFailures; // guarded by lock
  private long notBeforeNanos; // guarded by lock
  private volatile CreateError lastError;
  private final int pauseAfterFailures;
  private volatile boolean paused; // written under lock
  private int pauseStreak; // guarded by lock: failures in sequence, see countTowardsPause
  private long streakFailedAt; // guarded by lock
  private final AtomicLong resourceSeq = new AtomicLong();

  /**
   * Wires the creator.
   *
   * @param created receives each new resource (RESERVED), to make it idle or close it
   * @param sweepBy asks for a maintenance sweep by a deadline (creation deadlines, back-off)
   */
  Creator(
      Settings settings,
      ResourceFactory<R> factory,
      Resources<R> resources,
      SlotTable<R> slots,
      HandOff<R> handOff,
      Executor worker,
      Counters counters,
      Listeners listeners,
      SlotMaker<R> slotMaker,
      Consumer<Slot<R>> created,
      LongConsumer sweepBy,
      int pauseAfterFailures) {
    this.pauseAfterFailures = pauseAfterFailures;
    this.settings = settings;
    this.factory = factory;
    this.resources = resources;
    this.slots = slots;
    this.handOff = handOff;
    this.worker = worker;
    this.counters = counters;
    this.listeners = listeners;
    this.slotMaker = slotMaker;
    this.created = created;
    this.sweepBy = sweepBy;
  }

  /** The highest resource id handed out so far (soft eviction retires everything up to it). */
  long lastResourceId() {
    return resourceSeq.get();
  }

  /** Creations within their deadline. */
  int connecting() {
    lock.lock();
    try {
      return connecting;
    } finally {
      lock.unlock();
    }
  }

  /** Creations in flight, late ones included (they still hold a place under the limit). */
  int creating() {
    lock.lock();
    try {
      return connecting + late;
    } finally {
      lock.unlock();
    }
  }

  /** Creations past their deadline whose factory call has not returned. */
  int late() {
    lock.lock();
    try {
      return late;
    } finally {
      lock.unlock();
    }
  }

  CreateError lastError() {
    return lastError;
  }

  /** Whether the pool is paused: creations keep failing and no resource is open. */
  boolean paused() {
    return paused;
  }

  /** The exception a caller gets while the pool is paused. */
  PoolPausedException pausedException(long waitedNanos, PoolStats stats) {
    CreateError err = lastError;
    int failures;
    lock.lock();
    try {
      failures = pauseStreak;
    } finally {
      lock.unlock();
    }
    String message =
        "Pool '"
            + settings.name
            + "' is paused: the last "
            + failures
            + " attempts to create a "
            + settings.kind
            + " failed and none is open, so it fails at once instead of waiting the acquire timeout ("
            + Durations.format(settings.acquireTimeoutNanos)
            + "). Last "
            + settings.kind
            + " creation error: "
            + (err == null ? "unknown" : err.describe())
            + ". It keeps retrying in the background (back-off up to "
            + Durations.format(BACKOFF_MAX_NANOS)
            + ") and lends again after the next successful creation.";
    return new PoolPausedException(
        settings.name,
        message,
        err == null ? null : err.error(),
        failures,
        Duration.ofNanos(waitedNanos),
        stats);
  }

  /**
   * Under {@link #lock}: counts a failed creation towards the pause only if it started after the
   * last counted failure. Creations that fail together (up to maxConnecting at once) are one
   * observation, not several: only failures in sequence, spaced by the back-off, show that the
   * outage lasts (three take at least 30 ms), so a blip shorter than that pauses nothing.
   */
  private void countTowardsPause(long startedNanos, long failedNanos) {
    if (pauseStreak == 0 || startedNanos - streakFailedAt >= 0) {
      pauseStreak++;
      streakFailedAt = failedNanos;
    }
  }

  /** Under {@link #lock}, after a failure: pauses if failures persist and nothing is open. */
  private boolean pauseLocked() {
    if (paused || pauseAfterFailures <= 0 || pauseStreak < pauseAfterFailures) {
      return false;
    }
    for (Slot<R> s : slots.all()) {
      SlotState st = s.state();
      if (st != SlotState.CLOSING && st != SlotState.CLOSED) {
        return false;
      }
    }
    paused = true;
    return true;
  }

  /** Starts the creations the pool needs now (waiters, minIdle), within the limits. */
  void fill() {
    if (handOff.isClosed()) {
      return;
    }
    Creation c;
    lock.lock();
    try {
      c = planLocked(settings.ticker.read());
    } finally {
      lock.unlock();
    }
    launch(c);
  }

  private Creation planLocked(long now) {
    if (handOff.isClosed()) {
      return null;
    }
    // Reserved resources count as idle here: they are being validated in the background (and
    // come back idle) or handed to a waiter (who is then no longer in the queue).
    int want = Math.max(handOff.waiting(), slots.minIdle() - slots.idleOrReserved());
    // While paused, one creation keeps probing even if nobody waits (they are failed at once).
    want = (paused ? Math.max(want, 1) : want) - connecting;
    if (want <= 0) {
      return null;
    }
    if (now - notBeforeNanos < 0) {
      sweepBy.accept(notBeforeNanos);
      return null;
    }
    Creation chain = null;
    while (want > 0 && connecting < settings.maxConnecting && slots.reserve()) {
      Creation c = new Creation(now, now + settings.createTimeoutNanos);
      creations.add(c);
      connecting++;
      want--;
      c.next = chain;
      chain = c;
    }
    return chain;
  }

  private void launch(Creation c) {
    while (c != null) {
      Creation creation = c;
      c = c.next;
      creation.next = null;
      try {
        worker.execute(() -> create(creation));
      } catch (RejectedExecutionException closing) {
        lock.lock();
        try {
          creations.remove(creation);
          connecting--;
        } finally {
          lock.unlock();
        }
        slots.unreserve();
        continue;
      }
      sweepBy.accept(creation.deadlineNanos);
    }
  }

  private void create(Creation c) {
    R resource = null;
    Throwable error = null;
    try {
      resource = factory.create(Duration.ofNanos(settings.createTimeoutNanos));
      if (resource == null) {
        error = new NullPointerException(factory.getClass().getName() + ".create returned null");
      }
    } catch (Exception | LinkageError e) {
      error = e;
      if (e instanceof InterruptedException) {
        Thread.interrupted(); // the worker thread is ours; keep it usable
      }
    }
    long now = settings.ticker.read();
    boolean wasLate;
    int failures;
    boolean pausedNow = false;
    lock.lock();
    try {
      wasLate = c.timedOut;
      creations.remove(c);
      if (wasLate) {
        late--;
      } else {
        connecting--;
      }
      if (error != null) {
        consecutiveFailures++;
        notBeforeNanos = now + backoffNanos(consecutiveFailures);
        countTowardsPause(c.startNanos, now);
      } else {
        consecutiveFailures = 0;
        pauseStreak = 0;
        paused = false; // before the resource is published, so that no newcomer fails after it
      }
      failures = consecutiveFailures;
    } finally {
      lock.unlock();
    }
    if (error != null) {
      slots.unreserve();
      lastError = new CreateError(error, now);
      lock.lock();
      try {
        pausedNow = pauseLocked();
      } finally {
        lock.unlock();
      }
      if (pausedNow) {
        handOff.wakeAll(); // the waiters see the pause and fail with this error
      }
      if (!wasLate) {
        counters.createFailures.incrementAndGet();
        listeners.createFailed(
            new PoolEvent.CreateFailed(
                settings.name, error, Duration.ofNanos(now - c.startNanos), false, failures));
      }
      fill();
      return;
    }
    Slot<R> slot = slotMaker.make(resource, resourceSeq.incrementAndGet(), now, expiry(now));
    slots.add(slot);
    counters.created.incrementAndGet();
    listeners.created(
        new PoolEvent.Created(
            settings.name,
            slot.resourceId(),
            resources.describe(resource),
            Duration.ofNanos(now - c.startNanos)));
    created.accept(slot);
    fill();
  }

  /**
   * Marks the creations past their deadline (they keep their place until the factory returns)
   * and starts replacements.
   *
   * @return the next creation deadline, or {@link Long#MAX_VALUE}
   */
  long sweep(long now) {
    long next = Long.MAX_VALUE;
    int timedOut = 0;
    int failures;
    Creation more = null;
    lock.lock();
    try {
      for (Creation c : creations) {
        if (c.timedOut) {
          continue;
        }
        if (now - c.deadlineNanos >= 0) {
          c.timedOut = true;
          connecting--;
          late++;
          consecutiveFailures++;
          countTowardsPause(c.startNanos, now);
          timedOut++;
        } else {
          next = Math.min(next, c.deadlineNanos);
        }
      }
      failures = consecutiveFailures;
      if (timedOut > 0) {
        more = planLocked(now);
      }
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < timedOut; i++) {
      CreateTimeoutException timeout =
          new CreateTimeoutException(
              settings.kind
                  + " creation did not complete within createTimeout "
                  + Durations.format(settings.createTimeoutNanos)
                  + "; it keeps its slot until the factory returns");
      lastError = new CreateError(timeout, now);
      counters.createFailures.incrementAndGet();
      listeners.createFailed(
          new PoolEvent.CreateFailed(
              settings.name, timeout, Duration.ofNanos(settings.createTimeoutNanos), true, failures));
    }
    boolean pausedNow = false;
    if (timedOut > 0) {
      lock.lock();
      try {
        pausedNow = pauseLocked();
      } finally {
        lock.unlock();
      }
    }
    if (pausedNow) {
      handOff.wakeAll();
    }
    launch(more);
    return next;
  }

  static long backoffNanos(int failures) {
    long d = BACKOFF_MIN_NANOS << Math.min(failures - 1, 20);
    return Math.min(d, BACKOFF_MAX_NANOS);
  }

  private long expiry(long now) {
    if (settings.maxLifetimeNanos <= 0) {
      return 0;
    }
    long jitter =
        (long)
            (settings.maxLifetimeNanos
                * settings.lifetimeJitter
                * ThreadLocalRandom.current().nextDouble());
    return now + settings.maxLifetimeNanos - jitter;
  }

}
