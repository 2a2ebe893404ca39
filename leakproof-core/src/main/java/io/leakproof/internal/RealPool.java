package io.leakproof.internal;

import io.leakproof.AcquireInterruptedException;
import io.leakproof.CallSite;
import io.leakproof.CallSiteCapture;
import io.leakproof.CallSiteStats;
import io.leakproof.CloseReason;
import io.leakproof.Lease;
import io.leakproof.Pool;
import io.leakproof.PoolClosedException;
import io.leakproof.PoolConfig;
import io.leakproof.PoolDump;
import io.leakproof.PoolOverloadedException;
import io.leakproof.PoolStats;
import io.leakproof.Ticker;
import io.leakproof.internal.jfr.JfrListener;
import io.leakproof.spi.LeaseGrant;
import io.leakproof.spi.LeaseHandle;
import io.leakproof.spi.PoolEvent;
import io.leakproof.spi.PoolListener;
import io.leakproof.spi.ResourceFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The pool engine: the borrower's side (acquire, grant, release) and the wiring of the parts
 * that do the rest. docs/concurrency.md has the whole picture; each part opens with its own
 * implementation notes.
 *
 * <ul>
 *   <li>{@link SlotTable}: the resources and the count that keeps the hard limit;
 *   <li>{@link HandOff}: the wait queue, FIFO hand-off, and the publication argument that no
 *       waiter sleeps while a resource is idle;
 *   <li>{@link Creator}: creation planning, creators, deadlines and back-off;
 *   <li>{@link LeaseEnd}: the one path by which every lease ends;
 *   <li>{@link Resources}: validation, reset and destruction (the factory's calls);
 *   <li>{@link Freshness}: whether a resource may still be lent;
 *   <li>{@link LeakWatch}: the leak signals; {@link Maintenance}: the timed rules;
 *   <li>{@link PoolView}: stats, dumps and diagnoses; {@link Lifecycle}: evict, resize, close.
 * </ul>
 *
 * <p>Fast path. With nobody waiting, a borrower takes an idle slot by compare-and-set (its
 * thread's last slot first, then a scan), without any lock. While anyone waits, newcomers queue
 * (FIFO). Lock order: {@link HandOff}'s lock, then {@link Creator}'s, then the housekeeper's;
 * {@link SlotTable}'s lock is taken alone, except that shutdown's wait reads Creator's count under
 * it (Creator never takes it).
 *
 * @param <R> the resource type
 */
// Lease tokens are compared by identity on purpose.
@SuppressWarnings("ReferenceEquality")
public final class RealPool<R> implements Pool<R> {
  private static final System.Logger LOG = System.getLogger("io.leakproof.pool");

  /**
   * After a leak is proven or suspected, a SAMPLED pool captures every call site for this long,
   * so that the next leak from the same code path is reported with its line.
   */
  static final long CAPTURE_ESCALATION_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final Settings settings;
  private final String name;
  private final Ticker ticker;
  private final CallSiteCapture capture;
  private final Listeners listeners;
  private final CallSites callSites;
  private final CallSiteTable siteTable;
  private final SlotTable<R> slots;
  private final HandOff<R> handOff;
  private final Resources<R> resources;
  private final Freshness<R> freshness;
  private final Creator<R> creator;
  private final LeaseEnd<R> leaseEnd;
  private final LeakWatch<R> leaks;
  private final Maintenance<R> maintenance;
  private final PoolView<R> view;
  private final Lifecycle<R> lifecycle;
  private final Counters counters = new Counters();
  private final Executor worker;
  private final ExecutorService ownWorker;
  private final ScheduledExecutorService ownScheduler;
  private final Housekeeper housekeeper;
  private volatile long captureAllUntilNanos;
  // Per pool on purpose: each thread remembers its last slot in this pool (a hint, not state).
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<Slot<R>> lastSlot = new ThreadLocal<>();

  private RealPool(PoolConfig c, ResourceFactory<R> factory) {
    this.settings = new Settings(c, Resources.kindOf(factory));
    this.name = settings.name;
    this.ticker = settings.ticker;
    this.capture = settings.capture;
    this.callSites = new CallSites(c.callSiteSkipPrefixes(), c.captureStackTraces());
    this.siteTable = new CallSiteTable(c.maxCallSites());
    List<PoolListener> all = new ArrayList<>(c.listeners());
    if (c.logging()) {
      all.add(new LoggingListener());
    }
    if (c.jfr()) {
      all.add(new JfrListener());
    }
    this.listeners = new Listeners(name, all);
    Diagnosis diagnosis = new Diagnosis(name, settings.kind, capture, settings.sampleRate);
    this.ownWorker = c.executor() == null ? PoolThreads.worker(name) : null;
    this.worker = c.executor() != null ? c.executor() : ownWorker;
    ScheduledExecutorService scheduler = c.scheduler();
    this.ownScheduler = scheduler == null && c.housekeeping() ? PoolThreads.scheduler(name) : null;
    if (scheduler == null) {
      scheduler = ownScheduler;
    }
    this.housekeeper =
        c.housekeeping() ? new Housekeeper(scheduler, ticker, now -> maintenance().sweep(now)) : null;
    this.slots = new SlotTable<>(c.maxSize(), c.minIdle());
    this.resources =
        new Resources<>(settings, factory, slots, worker, counters, listeners, () -> creator().fill());
    this.handOff = new HandOff<>(slots, resources);
    this.freshness = new Freshness<>(settings, slots, handOff);
    this.creator =
        new Creator<>(
            settings,
            factory,
            resources,
            slots,
            handOff,
            worker,
            counters,
            listeners,
            (resource, id, now, expiresAt) ->
                new Slot<>(this, resource, id, now, expiresAt, freshness.epoch()),
            this::created,
            this::sweepBy,
            c.pauseAfterCreateFailures());
    this.view =
        new PoolView<>(settings, slots, handOff, creator, counters, siteTable, diagnosis, listeners);
    this.leaseEnd =
        new LeaseEnd<>(
            settings,
            freshness,
            resources,
            handOff,
            counters,
            listeners,
            diagnosis,
            view::stats,
            this::escalateCapture,
            c.leakReclaimPolicy(),
            Durations.toNanos(c.leakWarningThreshold()));
    this.leaks =
        new LeakWatch<>(
            settings,
            c,
            slots,
            leaseEnd,
            counters,
            listeners,
            diagnosis,
            view::stats,
            this::escalateCapture,
            worker,
            this::sweepBy);
    this.maintenance =
        new Maintenance<>(
            settings, slots, handOff, creator, freshness, resources, leaks, counters, worker, this::sweepBy);
    this.lifecycle =
        new Lifecycle<>(c, settings, slots, handOff, creator, freshness, resources, leaks, this::stopBackground);
  }

  /**
   * Opens a pool (the implementation of {@link Pool#open}).
   *
   * @param config the configuration
   * @param factory the resource factory
   * @param <R> the resource type
   * @return the open pool
   */
  public static <R> RealPool<R> open(PoolConfig config, ResourceFactory<R> factory) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(factory, "factory");
    RealPool<R> pool = new RealPool<>(config, factory);
    if (pool.settings.coarseClock) {
      CoarseClock.register();
    }
    // Long past, not "now": a lease's stamp on the coarse clock lags the precise one by up to a
    // tick, and "now" made a new pool capture every call site for its first tick.
    pool.captureAllUntilNanos = pool.ticker.read() - Long.MAX_VALUE / 2;
    PoolRegistry.add(pool);
    if (pool.leaks.gc().enabled() && ExplicitGc.disabled()) {
      LOG.log(System.Logger.Level.WARNING, ExplicitGc.warning(pool.name));
    }
    pool.creator.fill();
    pool.sweepBy(pool.maintenance.firstSweepAt(pool.ticker.read()));
    return pool;
  }

  // Accessors for the lambdas handed to parts built before the part they call.
  private Maintenance<R> maintenance() {
    return maintenance;
  }

  private Creator<R> creator() {
    return creator;
  }

  private void sweepBy(long deadlineNanos) {
    if (housekeeper != null) {
      housekeeper.runBy(deadlineNanos);
    }
  }

  /** A new resource (RESERVED): idle for the waiters, or closed if the pool closed meanwhile. */
  private void created(Slot<R> slot) {
    if (handOff.isClosed()) {
      resources.destroy(slot, CloseReason.SHUTDOWN);
    } else {
      handOff.offer(slot, slot.createdAtNanos(), true);
    }
  }

  private void stopBackground() {
    if (housekeeper != null) {
      housekeeper.stop();
    }
    PoolRegistry.remove(this);
    if (settings.coarseClock) {
      CoarseClock.unregister();
    }
    if (ownWorker != null) {
      ownWorker.shutdown();
    }
    if (ownScheduler != null) {
      ownScheduler.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ acquire

  @Override
  public Lease<R> acquire() {
    return acquire(settings.acquireTimeoutNanos, RealLease::new);
  }

  @Override
  public Lease<R> acquire(Duration timeout) {
    return acquire(timeoutNanos(timeout), RealLease::new);
  }

  @Override
  public <H extends LeaseHandle<R>> H acquire(
      Duration timeout, Function<? super LeaseGrant<R>, ? extends H> handleFactory) {
    Objects.requireNonNull(handleFactory, "handleFactory");
    return acquire(timeout == null ? settings.acquireTimeoutNanos : timeoutNanos(timeout), handleFactory);
  }

  private static long timeoutNanos(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be zero or positive but was " + timeout);
    }
    return Durations.toNanos(timeout);
  }

  private <H extends LeaseHandle<R>> H acquire(
      long timeoutNanos, Function<? super LeaseGrant<R>, ? extends H> maker) {
    if (handOff.isClosed()) {
      throw closedException(settings);
    }
    if (!handOff.hasWaiters()) {
      long now = fastNow();
      Slot<R> slot = tryTakeIdle(now);
      if (slot != null) {
        return grant(slot, now, 0, false, maker);
      }
    }
    return acquireSlow(ticker.read(), timeoutNanos, maker);
  }

  /**
   * The time for the hot path: the coarse clock when the pool runs on the system ticker (see
   * {@link CoarseClock}), the pool's own ticker otherwise (tests on fake time).
   */
  private long fastNow() {
    return settings.coarseClock ? CoarseClock.nanos() : ticker.read();
  }

  /** Takes an idle slot without a lock: the thread's last slot first, then the first idle. */
  private Slot<R> tryTakeIdle(long now) {
    Slot<R> last = lastSlot.get();
    if (last != null && last.tryLease() && checkOut(last, now)) {
      return last;
    }
    for (Slot<R> s : slots.all()) {
      if (s.isIdle() && s.tryLease() && checkOut(s, now)) {
        lastSlot.set(s);
        return s;
      }
    }
    return null;
  }

  /**
   * Decides whether a slot the caller just took may be lent: not retired, and validated if it
   * is in doubt. A slot that may not is destroyed.
   */
  private boolean checkOut(Slot<R> slot, long now) {
    CloseReason reason = freshness.retireReason(slot, now);
    if (reason == null && freshness.needsValidation(slot, now)) {
      reason = validateOnBorrow(slot);
    }
    if (reason != null) {
      resources.destroy(slot, reason);
      return false;
    }
    return true;
  }

  private CloseReason validateOnBorrow(Slot<R> slot) {
    if (resources.validate(slot)) {
      slot.markValidated(ticker.read());
      return null;
    }
    return CloseReason.VALIDATION_FAILED;
  }

  private <H extends LeaseHandle<R>> H acquireSlow(
      long start, long timeoutNanos, Function<? super LeaseGrant<R>, ? extends H> maker) {
    long deadline = start + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
    if (creator.paused()) {
      throw creator.pausedException(0, view.stats()); // fail fast: nothing can serve it now
    }
    Waiter w = new Waiter(Thread.currentThread(), deadline);
    boolean interrupted = false;
    try {
      enqueue(w, false, start);
      while (true) {
        @SuppressWarnings("unchecked")
        Slot<R> s = (Slot<R>) w.assigned;
        if (s != null) {
          s.leaseReserved();
          long now = ticker.read();
          if (checkOut(s, now)) {
            long waited = now - start;
            counters.waitCount.incrementAndGet();
            counters.totalWaitNanos.addAndGet(waited);
            return grant(s, now, waited, true, maker);
          }
          w.assigned = null;
          enqueue(w, true, now); // it lost its slot to a failed validation: back at the front
          continue;
        }
        if (w.poolClosed) {
          throw closedException(settings);
        }
        long now = ticker.read();
        if (creator.paused()) {
          if (handOff.leave(w)) {
            throw creator.pausedException(now - start, view.stats());
          }
          continue; // a slot was assigned just in time
        }
        long remaining = deadline - now;
        if (remaining <= 0) {
          if (handOff.leave(w)) {
            throw view.timeout(now - start, now);
          }
          continue; // a slot was assigned just in time
        }
        LockSupport.parkNanos(this, remaining);
        if (Thread.interrupted()) {
          interrupted = true;
          if (handOff.leave(w)) {
            throw new AcquireInterruptedException(
                name,
                "Interrupted while waiting for a " + settings.kind + " of pool '" + name + "'",
                new InterruptedException());
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Queues a waiter, then starts the creations the queue now needs. */
  private void enqueue(Waiter w, boolean front, long now) {
    int waiting = handOff.enqueue(w, front, settings.maxWaiting);
    if (waiting == HandOff.CLOSED) {
      throw closedException(settings);
    }
    if (waiting == HandOff.REJECTED) {
      int waitingNow = handOff.waiting();
      counters.rejected.incrementAndGet();
      listeners.rejected(new PoolEvent.Rejected(name, waitingNow, settings.maxWaiting));
      throw new PoolOverloadedException(
          name,
          "Pool '"
              + name
              + "' refused at once: "
              + waitingNow
              + " callers are already waiting (maxWaiting "
              + settings.maxWaiting
              + "). The pool is overloaded; shed load or raise maxWaiting or maxSize.");
    }
    if (w.assigned != null) {
      return;
    }
    creator.fill();
    if (maintenance.exhausted()) {
      maintenance.onExhausted(now);
    }
  }

  // The hot methods below (grant, release) keep their rare work in separate methods: C2 inlines
  // small methods into the borrower's call, and declines large ones.

  private <H extends LeaseHandle<R>> H grant(
      Slot<R> slot,
      long now,
      long waitedNanos,
      boolean waited,
      Function<? super LeaseGrant<R>, ? extends H> maker) {
    slot.beginLease(now, Thread.currentThread());
    if (capture != CallSiteCapture.OFF || settings.tagSupplier != null || listeners.wantsRelease()) {
      beforeBind(slot, now, waitedNanos, waited);
    }
    H handle = bind(slot, maker);
    if (waited || listeners.wantsAcquire()) {
      afterGrant(slot, now, waitedNanos, waited);
    }
    return handle;
  }

  /**
   * Call-site capture, precise timing and the tag: decided per lease, done rarely. A SAMPLED pool
   * samples one lease in the sample rate (counted down per resource, at random intervals
   * averaging the rate), every lease that waited at least the slow-acquire threshold (a pool
   * exhausted long enough to make callers wait that long is where the timeout diagnosis matters,
   * and the walk is small next to the wait; shorter waits are a busy pool's ordinary hand-offs,
   * which with hundreds of virtual threads on a few connections are often over a millisecond),
   * and every lease while a recent leak signal escalated capture (a leak usually recurs from the
   * same code path, which then gets its line). The capture happens here, not in a helper: the
   * stack walk is cheapest while Leakproof's own frames fit in its first batch of frames.
   */
  private void beforeBind(Slot<R> slot, long now, long waitedNanos, boolean waited) {
    if (capture == CallSiteCapture.ALL
        || (capture == CallSiteCapture.SAMPLED
            && (slot.sampleNext(settings.sampleRate)
                || (settings.slowAcquireNanos > 0 && waitedNanos >= settings.slowAcquireNanos)
                || now - captureAllUntilNanos < 0))) {
      captureCallSite(slot);
      if (!waited) {
        slot.preciseStart(ticker.read()); // its hold time is measured: per-call-site statistics
      }
    } else if (!waited && listeners.wantsRelease()) {
      slot.preciseStart(ticker.read()); // a listener measures hold times
    }
    if (settings.tagSupplier != null) {
      slot.setTag(readTag());
    }
  }

  private <H extends LeaseHandle<R>> H bind(
      Slot<R> slot, Function<? super LeaseGrant<R>, ? extends H> maker) {
    H handle;
    try {
      handle = maker.apply(slot);
    } catch (RuntimeException | Error e) {
      leaseEnd.abort(slot);
      throw e;
    }
    if (handle == null || slot.token() == null) {
      leaseEnd.abort(slot);
      throw new IllegalStateException(
          "The handle factory must return a LeaseHandle constructed from the grant it was given");
    }
    slot.closeBinding();
    return handle;
  }

  private void afterGrant(Slot<R> slot, long now, long waitedNanos, boolean waited) {
    if (listeners.wantsAcquire()) {
      listeners.acquired(slot, waitedNanos);
    }
    if (waited && settings.slowAcquireNanos > 0 && waitedNanos >= settings.slowAcquireNanos) {
      listeners.slowAcquire(
          new PoolEvent.SlowAcquire(name, slot.snapshot(now), Duration.ofNanos(waitedNanos)));
    }
  }

  /** After a leak signal, a SAMPLED pool captures every call site for a while. */
  private void escalateCapture(long now) {
    if (capture == CallSiteCapture.SAMPLED) {
      captureAllUntilNanos = now + CAPTURE_ESCALATION_NANOS;
    }
  }

  private void captureCallSite(Slot<R> slot) {
    CallSite site;
    StackTraceElement[] stack = null;
    if (callSites.capturesStacks()) {
      stack = callSites.captureStack();
      site =
          stack.length == 0
              ? null
              : new CallSite(
                  stack[0].getClassName(),
                  stack[0].getMethodName(),
                  stack[0].getFileName(),
                  stack[0].getLineNumber());
    } else {
      site = callSites.capture();
    }
    if (site != null) {
      CallSiteTable.Entry entry = siteTable.entryFor(site);
      entry.leased();
      slot.setCallSite(site, stack, entry);
    }
  }

  private String readTag() {
    try {
      return settings.tagSupplier.get();
    } catch (RuntimeException e) {
      return "<tagSupplier threw " + e.getClass().getSimpleName() + ">";
    }
  }

  // ------------------------------------------------------------------ the handle's calls

  /** Ends a lease by its holder (close or invalidate); see {@link LeaseEnd#byHolder}. */
  boolean release(Slot<R> slot, Object token, boolean invalidate) {
    return leaseEnd.byHolder(slot, token, invalidate);
  }

  /** Records a failure the borrower saw; marks the resource broken if the factory says so. */
  boolean reportFailure(Slot<R> slot, Object token, Throwable failure) {
    if (slot.token() != token) {
      return false;
    }
    boolean broken = resources.isBroken(slot, failure);
    if (broken) {
      slot.markBroken();
      freshness.suspectEveryResource(ticker.read());
    }
    return broken;
  }

  /** Reclaims a lease whose handle was garbage-collected (called by the {@link LeakReaper}). */
  void reclaimAbandoned(LeaseRef ref) {
    leaks.reclaimAbandoned(ref);
  }

  String describeLease(Slot<R> slot, Object token) {
    return view.describeLease(slot, token);
  }

  boolean detectAbandoned() {
    return settings.detectAbandoned;
  }

  static PoolClosedException closedException(Settings settings) {
    return new PoolClosedException(
        settings.name,
        "Pool '" + settings.name + "' is closed; it lends no more " + settings.kind + "s");
  }

  // ------------------------------------------------------------------ operations and views

  /**
   * Runs one maintenance pass at {@code now} (see {@link Maintenance#sweep}); the housekeeper
   * calls it, and tests on fake time call it instead of waiting.
   *
   * @param now the current time on the pool's ticker
   * @return when the next pass is due
   */
  public long sweep(long now) {
    return maintenance.sweep(now);
  }

  @Override
  public void softEvict() {
    lifecycle.softEvict();
  }

  @Override
  public void resize(int newMaxSize) {
    lifecycle.resize(newMaxSize);
  }

  @Override
  public void resize(int newMinIdle, int newMaxSize) {
    lifecycle.resize(newMinIdle, newMaxSize, false);
  }

  @Override
  public boolean isClosed() {
    return handOff.isClosed();
  }

  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PoolConfig config() {
    return lifecycle.config();
  }

  /**
   * Returns the pool's time source.
   *
   * @return the ticker
   */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * Returns how many collections the pool asked for on exhaustion or for a leak suspect.
   *
   * @return the count
   */
  public long gcRequests() {
    return leaks.gc().requests();
  }

  /**
   * Returns the time spent in the collections the pool asked for.
   *
   * @return the total
   */
  public Duration gcTime() {
    return Duration.ofNanos(leaks.gc().collectNanos());
  }

  @Override
  public PoolStats stats() {
    return view.stats();
  }

  @Override
  public PoolDump dump() {
    return view.dump();
  }

  @Override
  public List<CallSiteStats> callSiteStats() {
    return siteTable.snapshot();
  }

  @Override
  public String toString() {
    return "Pool{" + name + ", " + stats().gauges() + "}";
  }
}
