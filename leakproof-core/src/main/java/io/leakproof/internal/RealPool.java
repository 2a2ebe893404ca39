package io.leakproof.internal;

import io.leakproof.AcquireInterruptedException;
import io.leakproof.AcquireTimeoutException;
import io.leakproof.CallSite;
import io.leakproof.CallSiteCapture;
import io.leakproof.CallSiteStats;
import io.leakproof.CloseReason;
import io.leakproof.LeakSignal;
import io.leakproof.Lease;
import io.leakproof.LeaseSnapshot;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The pool engine.
 *
 * <p>Implementation notes (docs/concurrency.md has the whole picture).
 *
 * <ul>
 *   <li><b>Hard limit.</b> {@link #open} counts every physical resource: being created, idle,
 *       leased, reserved, being closed. A creation reserves its slot (increments {@code open},
 *       only while {@code open < maxSize}) before the factory is called, and a destroy releases
 *       it only after the factory's destroy returned. Reservation happens only under
 *       {@link #lock}; release is an atomic decrement.
 *   <li><b>Fast path.</b> With nobody waiting, a borrower takes an idle slot by compare-and-set
 *       (its thread's last slot first, then a scan), without the lock. A returning borrower sets
 *       its slot IDLE and then reads {@link #waiterCount}; an enqueuing waiter publishes
 *       {@code waiterCount} and then scans for IDLE slots (under the lock). Both sides use
 *       volatile accesses, so at least one of them sees the other: no slot stays idle while a
 *       waiter sleeps.
 *   <li><b>FIFO.</b> While anyone waits, newcomers do not take idle slots; they queue. Slots are
 *       handed to waiters in queue order under the lock ({@link #drainLocked}), reserved for the
 *       waiter (RESERVED), and the waiter is unparked after the lock is released.
 *   <li><b>No lock across I/O or listeners.</b> The lock guards the wait queue, the slot array
 *       (copy-on-write), and the creation bookkeeping; factory calls and listener calls happen
 *       outside it. Creation, destroy and background validation run on {@link #worker}, never on
 *       the caller's thread; validation on borrow and reset on return run on the borrower's.
 *   <li><b>Exactly-once lease end.</b> See {@link Slot}: the lease token is swapped out by
 *       compare-and-set, and the winner owns the end of the lease.
 * </ul>
 *
 * <p>Lock order: {@link #lock}, then the housekeeper's own lock. Nothing else is ever held.
 *
 * @param <R> the resource type
 */
// Lease tokens, slots and threads are compared by identity on purpose.
@SuppressWarnings("ReferenceEquality")
public final class RealPool<R> implements Pool<R> {
  private static final System.Logger LOG = System.getLogger("io.leakproof.pool");

  /** First retry delay after a creation failed; doubles per failure in a row. */
  static final long CREATE_BACKOFF_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /**
   * Longest retry delay between failing creations: short enough that acquisitions succeed
   * within a second of the database coming back, long enough not to hammer a database that is
   * down (at most maxConnecting attempts per 250 ms).
   */
  static final long CREATE_BACKOFF_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /** While callers wait on an exhausted pool, a sweep runs at least this often. */
  static final long WAITING_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * After a leak is proven or suspected, a SAMPLED pool captures every call site for this long,
   * so that the next leak from the same code path is reported with its line.
   */
  static final long CAPTURE_ESCALATION_NANOS = TimeUnit.MINUTES.toNanos(10);

  /**
   * On an exhausted pool, the check for leak evidence runs at most this often: a suspect must be
   * at least a millisecond old anyway (see {@link LeakWatch#SUSPECT_MIN_AGE_NANOS}).
   */
  static final long EXHAUSTED_CHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  /** A sweep runs at least this often in any case (a safety net for missed deadlines). */
  static final long MAX_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

  @SuppressWarnings("rawtypes")
  private static final Slot[] NO_SLOTS = new Slot[0];

  // ------------------------------------------------------------------ configuration

  private final String name;
  private final ResourceFactory<R> factory;
  private final Ticker ticker;
  private final String kind;
  private final boolean coarseClock;
  private volatile PoolConfig config;
  private volatile int maxSize;
  private volatile int minIdle;
  private final long acquireTimeoutNanos;
  private final long createTimeoutNanos;
  private final long idleTimeoutNanos;
  private final long maxLifetimeNanos;
  private final double lifetimeJitter;
  private final long keepaliveNanos;
  private final long validateAfterIdleNanos;
  private final Duration validationTimeout;
  private final int maxConnecting;
  private final int maxWaiting;
  private final boolean detectAbandoned;
  private final long slowAcquireNanos;
  private final long shutdownTimeoutNanos;
  private final CallSiteCapture capture;
  private final int sampleRate;
  private final Supplier<String> tagSupplier;

  // ------------------------------------------------------------------ collaborators

  private final CallSites callSites;
  private final CallSiteTable siteTable;
  final Listeners listeners;
  final Diagnosis diagnosis;
  final Counters counters = new Counters();
  final ExecutorService worker;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  final Housekeeper housekeeper;
  private final long shortestIntervalNanos;
  private final LeakWatch<R> leaks;

  // ------------------------------------------------------------------ state

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition openDecreased = lock.newCondition();
  private final WaitQueue waiters = new WaitQueue(); // guarded by lock
  private volatile int waiterCount; // written under lock; read without it
  private volatile Slot<R>[] slots; // copy-on-write under lock
  private final AtomicInteger open = new AtomicInteger(); // reserved under lock, released anywhere
  private final List<Creation> creations = new ArrayList<>(); // guarded by lock
  private int connecting; // guarded by lock: creations within their deadline
  private int lateCreations; // guarded by lock: creations past their deadline, still holding a slot
  private int consecutiveCreateFailures; // guarded by lock
  private long createNotBeforeNanos; // guarded by lock
  private volatile CreateError lastCreateError;
  private volatile boolean closed;
  private volatile long evictEpoch; // written under lock
  // Resources not known to work since this time are validated before their next lend: set when
  // one is found broken, because what breaks one (a failover, a network cut) usually breaks all.
  // "Known to work" means created or validated since: a lease returned after the failure proves
  // nothing (its borrower's last call may have run before it), and lending it unchecked once
  // handed a dead connection to the next borrower (PostgresFailureRecoveryIT, TCP proxy cut).
  private volatile long suspectBeforeNanos;
  private volatile boolean suspectAll;
  private volatile long captureAllUntilNanos;
  private volatile long lastExhaustedCheckNanos;
  private final AtomicLong resourceSeq = new AtomicLong();
  // Per pool on purpose: each thread remembers its last slot in this pool (a hint, not state).
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<Slot<R>> lastSlot = new ThreadLocal<>();
  private final AtomicBoolean sweeping = new AtomicBoolean();

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

  @SuppressWarnings("unchecked")
  private RealPool(PoolConfig c, ResourceFactory<R> factory) {
    this.name = c.name();
    this.factory = factory;
    this.ticker = c.ticker();
    this.coarseClock = c.ticker() == Ticker.system();
    this.kind = safeKind(factory);
    this.config = c;
    this.maxSize = c.maxSize();
    this.minIdle = c.minIdle();
    this.acquireTimeoutNanos = Durations.toNanos(c.acquireTimeout());
    this.createTimeoutNanos = Durations.toNanos(c.createTimeout());
    this.idleTimeoutNanos = Durations.toNanos(c.idleTimeout());
    this.maxLifetimeNanos = Durations.toNanos(c.maxLifetime());
    this.lifetimeJitter = c.maxLifetimeJitter();
    this.keepaliveNanos = Durations.toNanos(c.keepaliveTime());
    this.validateAfterIdleNanos = Durations.toNanos(c.validateAfterIdle());
    this.validationTimeout = c.validationTimeout();
    this.maxConnecting = c.maxConnecting();
    this.maxWaiting = c.maxWaiting();
    this.detectAbandoned = c.detectAbandoned();
    this.slowAcquireNanos = Durations.toNanos(c.slowAcquireThreshold());
    this.shutdownTimeoutNanos = Durations.toNanos(c.shutdownTimeout());
    this.capture = c.callSiteCapture();
    this.sampleRate = c.callSiteSampleRate();
    this.tagSupplier = c.tagSupplier();
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
    this.diagnosis = new Diagnosis(name, kind, capture, sampleRate);
    this.slots = NO_SLOTS;
    this.worker = newWorker(name);
    if (c.scheduler() != null) {
      this.scheduler = c.scheduler();
      this.ownScheduler = false;
    } else {
      this.scheduler = c.housekeeping() ? newScheduler(name) : null;
      this.ownScheduler = scheduler != null;
    }
    this.housekeeper =
        c.housekeeping() ? new Housekeeper(scheduler, ticker, this::sweep) : null;
    this.leaks = new LeakWatch<>(this, c, counters);
    long shortest = Long.MAX_VALUE;
    for (Duration d :
        List.of(c.leakWarningThreshold(), c.maxHoldTime(), c.idleTimeout(), c.keepaliveTime(), c.maxLifetime())) {
      if (!d.isZero()) {
        shortest = Math.min(shortest, Durations.toNanos(d));
      }
    }
    this.shortestIntervalNanos = shortest;
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
    if (pool.coarseClock) {
      CoarseClock.register();
    }
    pool.captureAllUntilNanos = pool.ticker.read();
    pool.lastExhaustedCheckNanos = pool.captureAllUntilNanos - EXHAUSTED_CHECK_NANOS;
    PoolRegistry.add(pool);
    if (pool.leaks.gc().enabled() && ExplicitGc.disabled()) {
      LOG.log(System.Logger.Level.WARNING, ExplicitGc.warning(pool.name));
    }
    pool.fill();
    if (pool.housekeeper != null) {
      long now = pool.ticker.read();
      pool.housekeeper.runBy(now + Math.min(MAX_SWEEP_NANOS, pool.shortestIntervalNanos));
    }
    return pool;
  }

  private static String safeKind(ResourceFactory<?> factory) {
    try {
      String k = factory.resourceKind();
      return k == null || k.isBlank() ? "resource" : k;
    } catch (RuntimeException e) {
      return "resource";
    }
  }

  private static ExecutorService newWorker(String pool) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf =
        r -> {
          Thread t = new Thread(r, "leakproof-" + pool + "-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    // Unbounded in principle, bounded by design: at most maxSize creations, maxSize destroys,
    // maxSize keepalive checks and one collection can be in flight at once.
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), tf);
  }

  private static ScheduledExecutorService newScheduler(String pool) {
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "leakproof-" + pool + "-housekeeper");
              t.setDaemon(true);
              return t;
            });
    s.setRemoveOnCancelPolicy(true);
    return s;
  }

  // ------------------------------------------------------------------ acquire

  @Override
  public Lease<R> acquire() {
    return acquire(acquireTimeoutNanos, RealLease::new);
  }

  @Override
  public Lease<R> acquire(Duration timeout) {
    return acquire(timeoutNanos(timeout), RealLease::new);
  }

  @Override
  public <H extends LeaseHandle<R>> H acquire(
      Duration timeout, Function<? super LeaseGrant<R>, ? extends H> handleFactory) {
    Objects.requireNonNull(handleFactory, "handleFactory");
    return acquire(timeout == null ? acquireTimeoutNanos : timeoutNanos(timeout), handleFactory);
  }

  private static long timeoutNanos(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be zero or positive but was " + timeout);
    }
    return Durations.toNanos(timeout);
  }

  private <H extends LeaseHandle<R>> H acquire(
      long timeoutNanos, Function<? super LeaseGrant<R>, ? extends H> maker) {
    if (closed) {
      throw closedException();
    }
    if (waiterCount == 0) {
      long now = fastNow();
      Slot<R> slot = tryTakeIdle(now);
      if (slot != null) {
        return grant(slot, now, 0, false, maker);
      }
    }
    return acquireSlow(ticker.read(), timeoutNanos, maker);
  }

  /** Returns true if unsampled leases are stamped with the {@link CoarseClock}. */
  boolean usesCoarseClock() {
    return coarseClock;
  }

  /**
   * The time for the hot path: the coarse clock when the pool runs on the system ticker (see
   * {@link CoarseClock}), the pool's own ticker otherwise (tests on fake time).
   */
  private long fastNow() {
    return coarseClock ? CoarseClock.nanos() : ticker.read();
  }

  /** Takes an idle slot without the lock: the thread's last slot first, then the first idle. */
  private Slot<R> tryTakeIdle(long now) {
    Slot<R> last = lastSlot.get();
    if (last != null && last.tryLease() && checkOut(last, now)) {
      return last;
    }
    return scanForIdle(now);
  }

  private Slot<R> scanForIdle(long now) {
    for (Slot<R> s : slots) {
      if (s.isIdle() && s.tryLease() && checkOut(s, now)) {
        lastSlot.set(s);
        return s;
      }
    }
    return null;
  }

  /**
   * Decides whether a slot the caller just took may be lent: not retired, and validated if it
   * sat idle longer than the validation window. A slot that may not is destroyed.
   */
  private boolean checkOut(Slot<R> slot, long now) {
    CloseReason reason = retireReason(slot, now);
    if (reason == null
        && ((validateAfterIdleNanos > 0 && now - slot.lastUsedNanos() > validateAfterIdleNanos)
            || (suspectAll && slot.lastVerifiedNanos() - suspectBeforeNanos < 0))) {
      reason = validateOnBorrow(slot);
    }
    if (reason != null) {
      destroy(slot, reason);
      return false;
    }
    return true;
  }

  private CloseReason validateOnBorrow(Slot<R> slot) {
    if (validate(slot)) {
      slot.markValidated(ticker.read());
      return null;
    }
    return CloseReason.VALIDATION_FAILED;
  }

  private <H extends LeaseHandle<R>> H acquireSlow(
      long start, long timeoutNanos, Function<? super LeaseGrant<R>, ? extends H> maker) {
    long deadline = start + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
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
          throw closedException();
        }
        long now = ticker.read();
        long remaining = deadline - now;
        if (remaining <= 0) {
          if (leaveQueue(w)) {
            throw timeout(now - start, now);
          }
          continue; // a slot was assigned just in time
        }
        LockSupport.parkNanos(this, remaining);
        if (Thread.interrupted()) {
          interrupted = true;
          if (leaveQueue(w)) {
            throw new AcquireInterruptedException(
                name,
                "Interrupted while waiting for a " + kind + " of pool '" + name + "'",
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

  /**
   * Queues a waiter (at the back, or at the front when it lost a slot), hands it a slot if one
   * is idle, and starts the creations the queue now needs.
   */
  private void enqueue(Waiter w, boolean front, long now) {
    Waiter wake = null;
    Creation create = null;
    boolean rejected = false;
    boolean exhausted = false;
    int waitingNow;
    lock.lock();
    try {
      if (closed) {
        throw closedException();
      }
      if (!front && waiters.size() >= maxWaiting) {
        // Load shedding; but a caller that finds a free slot and nobody waiting still gets it.
        Slot<R> s = waiters.isEmpty() ? reserveIdleLocked() : null;
        if (s != null) {
          w.assigned = s;
          return;
        }
        rejected = true;
      } else {
        if (front) {
          waiters.addFirst(w);
        } else {
          waiters.addLast(w);
        }
        // Published before the scan for idle slots (drainLocked): a releaser makes its slot idle
        // and then reads waiterCount, so either this scan sees the idle slot or the releaser sees
        // the waiter and drains. Publishing after the scan lost wake-ups (LostWakeupTest).
        waiterCount = waiters.size();
        wake = drainLocked();
        create = planCreationsLocked(now);
        exhausted = w.assigned == null && exhaustedLocked();
      }
      waitingNow = waiters.size();
    } finally {
      lock.unlock();
    }
    if (rejected) {
      counters.rejected.incrementAndGet();
      listeners.rejected(new PoolEvent.Rejected(name, waitingNow, maxWaiting));
      throw new PoolOverloadedException(
          name,
          "Pool '"
              + name
              + "' refused at once: "
              + waitingNow
              + " callers are already waiting (maxWaiting "
              + maxWaiting
              + "). The pool is overloaded; shed load or raise maxWaiting or maxSize.");
    }
    wakeAll(wake);
    launch(create);
    if (exhausted) {
      onExhausted(now);
    }
  }

  /**
   * Whether nothing but a returned (or reclaimed) lease can serve the waiters: every slot is
   * taken and no creation is in flight.
   */
  private boolean exhaustedLocked() {
    return !waiters.isEmpty() && connecting == 0 && open.get() >= maxSize;
  }

  /**
   * Called when a caller queues on an exhausted pool: leaks may be what exhausts it. At most once
   * per {@link #EXHAUSTED_CHECK_NANOS}: on a saturated pool every acquisition queues, and this
   * scans the slots.
   */
  private void onExhausted(long now) {
    long last = lastExhaustedCheckNanos;
    if (now - last < EXHAUSTED_CHECK_NANOS) {
      return;
    }
    lastExhaustedCheckNanos = now;
    counters.observeLeased(countLeased());
    long suspectAt = leaks.nextSuspectAt(now);
    if (suspectAt == 0) {
      leaks.requestGc(now);
    }
    if (housekeeper != null) {
      long recheck = now + WAITING_SWEEP_NANOS;
      boolean sooner = suspectAt != 0 && suspectAt != Long.MAX_VALUE && suspectAt - recheck < 0;
      housekeeper.runBy(sooner ? suspectAt : recheck); // sooner: when the oldest lease is a suspect
    }
  }

  /** Removes a waiter that gives up. Returns false if a slot was assigned to it meanwhile. */
  private boolean leaveQueue(Waiter w) {
    lock.lock();
    try {
      if (w.assigned != null) {
        return false;
      }
      waiters.remove(w);
      waiterCount = waiters.size();
      return true;
    } finally {
      lock.unlock();
    }
  }

  // The hot methods below (grant, release, checkOut) keep their rare work in separate methods:
  // C2 inlines small methods into the borrower's call, and declines large ones.

  private <H extends LeaseHandle<R>> H grant(
      Slot<R> slot,
      long now,
      long waitedNanos,
      boolean waited,
      Function<? super LeaseGrant<R>, ? extends H> maker) {
    slot.beginLease(now, Thread.currentThread());
    if (capture != CallSiteCapture.OFF || tagSupplier != null || listeners.wantsRelease()) {
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
            && (slot.sampleNext(sampleRate)
                || (slowAcquireNanos > 0 && waitedNanos >= slowAcquireNanos)
                || now - captureAllUntilNanos < 0))) {
      captureCallSite(slot);
      if (!waited) {
        slot.preciseStart(ticker.read()); // its hold time is measured: per-call-site statistics
      }
    } else if (!waited && listeners.wantsRelease()) {
      slot.preciseStart(ticker.read()); // a listener measures hold times
    }
    if (tagSupplier != null) {
      slot.setTag(readTag());
    }
  }

  private <H extends LeaseHandle<R>> H bind(
      Slot<R> slot, Function<? super LeaseGrant<R>, ? extends H> maker) {
    H handle;
    try {
      handle = maker.apply(slot);
    } catch (RuntimeException | Error e) {
      abortGrant(slot);
      throw e;
    }
    if (handle == null || slot.token() == null) {
      abortGrant(slot);
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
    if (waited && slowAcquireNanos > 0 && waitedNanos >= slowAcquireNanos) {
      listeners.slowAcquire(
          new PoolEvent.SlowAcquire(name, slot.snapshot(now), Duration.ofNanos(waitedNanos)));
    }
  }

  /** After a leak signal, a SAMPLED pool captures every call site for a while. */
  void escalateCapture(long now) {
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
      return tagSupplier.get();
    } catch (RuntimeException e) {
      return "<tagSupplier threw " + e.getClass().getSimpleName() + ">";
    }
  }

  /** Undoes a grant whose handle factory failed: the resource is fine, so it goes back. */
  private void abortGrant(Slot<R> slot) {
    Object token = slot.token();
    if (token != null) {
      slot.tryEndLease(token, "its handle factory failed");
    }
    CallSiteTable.Entry e = slot.siteEntry();
    if (e != null) {
      e.ended(0);
    }
    slot.clearLease();
    makeIdle(slot, ticker.read(), true);
  }

  // ------------------------------------------------------------------ release and reclaim

  /**
   * Ends a lease by its holder (the implementation of close and invalidate).
   *
   * @param slot the lease's slot
   * @param token the lease's token
   * @param invalidate whether to destroy the resource instead of reusing it
   * @return whether this call ended the lease
   */
  public boolean release(Slot<R> slot, Object token, boolean invalidate) {
    if (!slot.tryEndLeaseByHolder(token)) {
      return false;
    }
    // The precise clock only for leases whose hold time somebody needs: sampled (captured) ones,
    // suspects, and when a listener wants hold times; the coarse one otherwise (a precise read
    // costs about a quarter of a whole borrow).
    long now;
    if (slot.siteEntry() != null || slot.suspected() || listeners.wantsRelease()) {
      now = ticker.read();
      timedRelease(slot, now);
    } else {
      now = fastNow();
    }
    CloseReason reason;
    if (invalidate) {
      reason = CloseReason.INVALIDATED;
    } else if (slot.broken()) {
      reason = CloseReason.BROKEN;
    } else {
      reason = retireReason(slot, now);
    }
    slot.clearLease();
    if (reason == null) {
      reason = reset(slot);
    }
    if (reason != null) {
      destroy(slot, reason);
    } else {
      makeIdle(slot, now, true);
    }
    return true;
  }

  /** The rare part of a release: hold statistics, a suspect's follow-up, release listeners. */
  private void timedRelease(Slot<R> slot, long now) {
    long hold = Math.max(0, now - slot.acquiredAtNanos());
    slot.recordHold(hold);
    CallSiteTable.Entry e = slot.siteEntry();
    if (e != null) {
      e.ended(hold);
    }
    if (slot.suspected()) {
      LeaseSnapshot snap = slot.snapshot(now);
      listeners.leakReturned(
          new PoolEvent.Leak(
              name,
              LeakSignal.HELD_TOO_LONG,
              snap,
              stats(),
              diagnosis.leakReturned(snap, leaks.leakWarningNanos())));
    }
    if (listeners.wantsRelease()) {
      listeners.released(slot, hold);
    }
  }

  /** Marks every resource not known to work after {@code now} for validation before its next lend. */
  void suspectEveryResource(long now) {
    suspectBeforeNanos = now;
    suspectAll = true;
  }

  /** Reclaims a lease whose handle was garbage-collected (called by the {@link LeakReaper}). */
  void reclaimAbandoned(LeaseRef ref) {
    leaks.reclaimAbandoned(ref);
  }

  /**
   * Records a failure the borrower saw; marks the resource broken if the factory says so.
   *
   * @param slot the lease's slot
   * @param token the lease's token
   * @param failure what the resource threw
   * @return whether the failure was classified as broken
   */
  public boolean reportFailure(Slot<R> slot, Object token, Throwable failure) {
    if (slot.token() != token) {
      return false;
    }
    boolean broken;
    try {
      broken = factory.isBroken(slot.resource(), failure);
    } catch (RuntimeException e) {
      broken = false;
    }
    if (broken) {
      slot.markBroken();
      suspectEveryResource(ticker.read());
    }
    return broken;
  }

  CloseReason reset(Slot<R> slot) {
    try {
      factory.reset(slot.resource());
      return null;
    } catch (Exception | LinkageError e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          () -> "Pool '" + name + "': reset failed; closing the " + kind,
          e);
      return CloseReason.RESET_FAILED;
    }
  }

  private boolean validate(Slot<R> slot) {
    try {
      return factory.validate(slot.resource(), validationTimeout);
    } catch (Exception | LinkageError e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          () -> "Pool '" + name + "': validation threw; closing the " + kind,
          e);
      return false;
    }
  }

  /** Why a slot must not be lent again, or {@code null} if it may. */
  CloseReason retireReason(Slot<R> slot, long now) {
    if (closed) {
      return CloseReason.SHUTDOWN;
    }
    if (slot.epoch() < evictEpoch) {
      return CloseReason.EVICTED;
    }
    if (maxLifetimeNanos > 0 && now - slot.expiresAtNanos() >= 0) {
      return CloseReason.LIFETIME;
    }
    if (open.get() > maxSize) {
      return CloseReason.RESIZED;
    }
    return null;
  }

  // ------------------------------------------------------------------ hand-off

  /**
   * Makes a slot the caller owns (LEASED or RESERVED) idle, and hands it to a waiter if anyone
   * waits.
   */
  void makeIdle(Slot<R> slot, long now, boolean used) {
    if (used) {
      slot.markIdleSince(now);
    }
    slot.moveToIdle();
    if (waiterCount > 0) {
      drain();
    }
    if (closed && slot.tryReserve()) {
      destroy(slot, CloseReason.SHUTDOWN);
    }
  }

  private void drain() {
    Waiter wake;
    lock.lock();
    try {
      wake = drainLocked();
    } finally {
      lock.unlock();
    }
    wakeAll(wake);
  }

  /** Hands idle slots to waiters in queue order. Returns the waiters to unpark. */
  private Waiter drainLocked() {
    Waiter wake = null;
    while (!waiters.isEmpty()) {
      Slot<R> s = reserveIdleLocked();
      if (s == null) {
        break;
      }
      Waiter w = waiters.pollFirst();
      w.assigned = s;
      w.wakeNext = wake;
      wake = w;
    }
    waiterCount = waiters.size();
    return wake;
  }

  private Slot<R> reserveIdleLocked() {
    for (Slot<R> s : slots) {
      if (s.isIdle() && s.tryReserve()) {
        return s;
      }
    }
    return null;
  }

  private static void wakeAll(Waiter w) {
    Thread me = Thread.currentThread();
    while (w != null) {
      Waiter next = w.wakeNext;
      w.wakeNext = null;
      if (w.thread != me) {
        LockSupport.unpark(w.thread);
      }
      w = next;
    }
  }

  // ------------------------------------------------------------------ creation

  /** Starts the creations the pool needs now (waiters, minIdle), within the limits. */
  void fill() {
    if (closed) {
      return;
    }
    Creation c;
    lock.lock();
    try {
      c = planCreationsLocked(ticker.read());
    } finally {
      lock.unlock();
    }
    launch(c);
  }

  private Creation planCreationsLocked(long now) {
    if (closed) {
      return null;
    }
    // Reserved slots count as idle here: they are being validated in the background (and come
    // back idle) or handed to a waiter (who is then no longer in the queue).
    int idle = 0;
    for (Slot<R> s : slots) {
      SlotState st = s.state();
      if (st == SlotState.IDLE || st == SlotState.RESERVED) {
        idle++;
      }
    }
    int want = Math.max(waiters.size(), minIdle - idle) - connecting;
    if (want <= 0) {
      return null;
    }
    if (now - createNotBeforeNanos < 0) {
      if (housekeeper != null) {
        housekeeper.runBy(createNotBeforeNanos);
      }
      return null;
    }
    Creation chain = null;
    while (want > 0 && connecting < maxConnecting && reserveSlotLocked()) {
      Creation c = new Creation(now, now + createTimeoutNanos);
      creations.add(c);
      connecting++;
      want--;
      c.next = chain;
      chain = c;
    }
    return chain;
  }

  private boolean reserveSlotLocked() {
    while (true) {
      int o = open.get();
      if (o >= maxSize) {
        return false;
      }
      if (open.compareAndSet(o, o + 1)) {
        return true;
      }
    }
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
          open.decrementAndGet();
          openDecreased.signalAll();
        } finally {
          lock.unlock();
        }
        continue;
      }
      if (housekeeper != null) {
        housekeeper.runBy(creation.deadlineNanos);
      }
    }
  }

  private void create(Creation c) {
    R resource = null;
    Throwable error = null;
    try {
      resource = factory.create(Duration.ofNanos(createTimeoutNanos));
      if (resource == null) {
        error = new NullPointerException(factory.getClass().getName() + ".create returned null");
      }
    } catch (Exception | LinkageError e) {
      error = e;
      if (e instanceof InterruptedException) {
        Thread.interrupted(); // the worker thread is ours; keep it usable
      }
    }
    long now = ticker.read();
    boolean late;
    int failures;
    lock.lock();
    try {
      late = c.timedOut;
      creations.remove(c);
      if (late) {
        lateCreations--;
      } else {
        connecting--;
      }
      if (error != null) {
        consecutiveCreateFailures++;
        createNotBeforeNanos = now + backoffNanos(consecutiveCreateFailures);
        open.decrementAndGet();
        openDecreased.signalAll();
      } else {
        consecutiveCreateFailures = 0;
      }
      failures = consecutiveCreateFailures;
    } finally {
      lock.unlock();
    }
    if (error != null) {
      lastCreateError = new CreateError(error, now);
      if (!late) {
        counters.createFailures.incrementAndGet();
        listeners.createFailed(
            new PoolEvent.CreateFailed(
                name, error, Duration.ofNanos(now - c.startNanos), false, failures));
      }
      fill();
      return;
    }
    Slot<R> slot =
        new Slot<>(this, resource, resourceSeq.incrementAndGet(), now, expiry(now), evictEpoch);
    lock.lock();
    try {
      Slot<R>[] old = slots;
      Slot<R>[] grown = Arrays.copyOf(old, old.length + 1);
      grown[old.length] = slot;
      slots = grown;
    } finally {
      lock.unlock();
    }
    counters.created.incrementAndGet();
    listeners.created(
        new PoolEvent.Created(
            name, slot.resourceId(), describe(resource), Duration.ofNanos(now - c.startNanos)));
    if (closed) {
      destroy(slot, CloseReason.SHUTDOWN);
      return;
    }
    makeIdle(slot, now, true);
    fill();
  }

  private static long backoffNanos(int failures) {
    long d = CREATE_BACKOFF_MIN_NANOS << Math.min(failures - 1, 20);
    return Math.min(d, CREATE_BACKOFF_MAX_NANOS);
  }

  private long expiry(long now) {
    if (maxLifetimeNanos <= 0) {
      return 0;
    }
    long jitter = (long) (maxLifetimeNanos * lifetimeJitter * ThreadLocalRandom.current().nextDouble());
    return now + maxLifetimeNanos - jitter;
  }

  private String describe(R resource) {
    try {
      return factory.describe(resource);
    } catch (RuntimeException e) {
      return resource.getClass().getSimpleName();
    }
  }

  // ------------------------------------------------------------------ destroy

  /** Moves a slot the caller owns to CLOSING and destroys its resource on a worker. */
  void destroy(Slot<R> slot, CloseReason reason) {
    slot.moveToClosing();
    try {
      worker.execute(() -> finishDestroy(slot, reason));
    } catch (RejectedExecutionException closing) {
      finishDestroy(slot, reason);
    }
  }

  private void finishDestroy(Slot<R> slot, CloseReason reason) {
    Throwable error = null;
    try {
      factory.destroy(slot.resource());
    } catch (Exception | LinkageError e) {
      error = e;
    }
    long now = ticker.read();
    counters.leasesOfClosed.addAndGet(slot.leaseCount());
    slot.moveToClosed();
    // Counted before the slot is released, so that whoever sees the open count fall also sees
    // why.
    counters.closed(reason);
    lock.lock();
    try {
      Slot<R>[] old = slots;
      int i = Arrays.asList(old).indexOf(slot);
      if (i >= 0) {
        @SuppressWarnings("unchecked")
        Slot<R>[] shrunk = (Slot<R>[]) new Slot<?>[old.length - 1];
        System.arraycopy(old, 0, shrunk, 0, i);
        System.arraycopy(old, i + 1, shrunk, i, old.length - i - 1);
        slots = shrunk;
      }
      open.decrementAndGet();
      openDecreased.signalAll();
    } finally {
      lock.unlock();
    }
    listeners.closed(
        new PoolEvent.Closed(
            name,
            slot.resourceId(),
            describe(slot.resource()),
            reason,
            Duration.ofNanos(now - slot.createdAtNanos()),
            error));
    fill();
  }

  // ------------------------------------------------------------------ maintenance

  /**
   * Runs one maintenance pass at {@code now}: creation deadlines, idle timeouts, lifetimes,
   * keepalive, leak thresholds, hold limits, minIdle, and collection requests on exhaustion.
   * Called by the housekeeper, or by tests on fake time.
   *
   * @param now the current time on the pool's ticker
   * @return when the next pass is due, on the pool's ticker
   */
  public long sweep(long now) {
    if (!sweeping.compareAndSet(false, true)) {
      return now + Housekeeper.MIN_INTERVAL_NANOS;
    }
    try {
      // Deadlines of leases and idle periods that start after this pass are at least one
      // interval away: capping at the shortest interval keeps every signal on time.
      long next = now + Math.min(MAX_SWEEP_NANOS, shortestIntervalNanos);
      next = Math.min(next, sweepCreations(now));
      next = Math.min(next, sweepSlots(now));
      int waiting = wakeExpiredWaiters(now);
      counters.observeLeased(countLeased());
      fill();
      if (waiting > 0) {
        boolean exhausted;
        lock.lock();
        try {
          exhausted = exhaustedLocked();
        } finally {
          lock.unlock();
        }
        next = Math.min(next, now + WAITING_SWEEP_NANOS);
        if (exhausted) {
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

  /** Marks creations past their deadline; returns the next creation deadline. */
  private long sweepCreations(long now) {
    long next = Long.MAX_VALUE;
    List<Creation> late = null;
    Creation more;
    lock.lock();
    try {
      for (Creation c : creations) {
        if (c.timedOut) {
          continue;
        }
        if (now - c.deadlineNanos >= 0) {
          c.timedOut = true;
          connecting--;
          lateCreations++;
          consecutiveCreateFailures++;
          if (late == null) {
            late = new ArrayList<>();
          }
          late.add(c);
        } else {
          next = Math.min(next, c.deadlineNanos);
        }
      }
      more = late == null ? null : planCreationsLocked(now);
    } finally {
      lock.unlock();
    }
    if (late != null) {
      for (int i = 0; i < late.size(); i++) {
        CreateTimeoutException timeout =
            new CreateTimeoutException(
                kind
                    + " creation did not complete within createTimeout "
                    + Durations.format(createTimeoutNanos)
                    + "; it keeps its slot until the factory returns");
        lastCreateError = new CreateError(timeout, now);
        counters.createFailures.incrementAndGet();
        listeners.createFailed(
            new PoolEvent.CreateFailed(
                name, timeout, Duration.ofNanos(createTimeoutNanos), true, consecutiveFailures()));
      }
      launch(more);
    }
    return next;
  }

  private int consecutiveFailures() {
    lock.lock();
    try {
      return consecutiveCreateFailures;
    } finally {
      lock.unlock();
    }
  }

  /** Applies the timed rules to every slot; returns the earliest deadline among them. */
  private long sweepSlots(long now) {
    long next = Long.MAX_VALUE;
    int removableIdle = open.get() - minIdle;
    for (Slot<R> s : slots) {
      switch (s.state()) {
        case IDLE -> {
          CloseReason reason = retireReason(s, now);
          if (reason == null
              && idleTimeoutNanos > 0
              && removableIdle > 0
              && now - s.idleSinceNanos() >= idleTimeoutNanos) {
            reason = CloseReason.IDLE_TIMEOUT;
          }
          if (reason != null) {
            if (s.tryReserve()) {
              destroy(s, reason);
              removableIdle--;
            }
            continue;
          }
          if (keepaliveNanos > 0 && now - s.lastUsedNanos() >= keepaliveNanos) {
            if (s.tryReserve()) {
              keepalive(s);
            }
            continue;
          }
          if (maxLifetimeNanos > 0) {
            next = Math.min(next, s.expiresAtNanos());
          }
          if (idleTimeoutNanos > 0 && removableIdle > 0) {
            next = Math.min(next, s.idleSinceNanos() + idleTimeoutNanos);
          }
          if (keepaliveNanos > 0) {
            next = Math.min(next, s.lastUsedNanos() + keepaliveNanos);
          }
        }
        case LEASED -> next = Math.min(next, leaks.sweepLease(s, now));
        default -> {}
      }
    }
    return next;
  }

  private void keepalive(Slot<R> slot) {
    try {
      worker.execute(
          () -> {
            if (validate(slot)) {
              slot.markValidated(ticker.read());
              makeIdle(slot, 0, false);
            } else {
              suspectEveryResource(ticker.read());
              destroy(slot, CloseReason.VALIDATION_FAILED);
            }
          });
    } catch (RejectedExecutionException closing) {
      destroy(slot, CloseReason.SHUTDOWN);
    }
  }

  /** Wakes waiters whose deadline passed on the pool's ticker (matters on fake time). */
  private int wakeExpiredWaiters(long now) {
    Waiter wake = null;
    int n;
    lock.lock();
    try {
      n = waiters.size();
      for (Waiter w = waiters.peekFirst(); w != null; w = w.next) {
        if (now - w.deadlineNanos >= 0) {
          w.wakeNext = wake;
          wake = w;
        }
      }
    } finally {
      lock.unlock();
    }
    for (Waiter w = wake; w != null; ) {
      Waiter next = w.wakeNext;
      w.wakeNext = null;
      LockSupport.unpark(w.thread);
      w = next;
    }
    return n;
  }

  // ------------------------------------------------------------------ operations

  @Override
  public void softEvict() {
    if (closed) {
      return;
    }
    lock.lock();
    try {
      evictEpoch = resourceSeq.get() + 1;
    } finally {
      lock.unlock();
    }
    for (Slot<R> s : slots) {
      if (s.epoch() < evictEpoch && s.tryReserve()) {
        destroy(s, CloseReason.EVICTED);
      }
    }
    fill();
  }

  @Override
  public void resize(int newMaxSize) {
    PoolConfig c = config;
    resize(c.minIdleSet() ? c.minIdle() : newMaxSize, newMaxSize, !c.minIdleSet());
  }

  @Override
  public void resize(int newMinIdle, int newMaxSize) {
    resize(newMinIdle, newMaxSize, false);
  }

  private void resize(int newMinIdle, int newMaxSize, boolean minIdleFollows) {
    if (newMaxSize < 1) {
      throw new IllegalArgumentException("maxSize must be >= 1 but was " + newMaxSize);
    }
    if (newMinIdle < 0 || newMinIdle > newMaxSize) {
      throw new IllegalArgumentException(
          "minIdle must be between 0 and maxSize (" + newMaxSize + ") but was " + newMinIdle);
    }
    if (closed) {
      throw closedException();
    }
    lock.lock();
    try {
      maxSize = newMaxSize;
      minIdle = newMinIdle;
      PoolConfig.Builder b = config.toBuilder().maxSize(newMaxSize);
      config = (minIdleFollows ? b : b.minIdle(newMinIdle)).build();
    } finally {
      lock.unlock();
    }
    int excess = open.get() - newMaxSize;
    for (Slot<R> s : slots) {
      if (excess <= 0) {
        break;
      }
      if (s.tryReserve()) {
        destroy(s, CloseReason.RESIZED);
        excess--;
      }
    }
    fill();
    drain();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    Waiter wake = null;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (Waiter w = waiters.pollFirst(); w != null; w = waiters.pollFirst()) {
        w.poolClosed = true;
        w.wakeNext = wake;
        wake = w;
      }
      waiterCount = 0;
    } finally {
      lock.unlock();
    }
    wakeAll(wake);
    if (housekeeper != null) {
      housekeeper.stop();
    }
    for (Slot<R> s : slots) {
      if (s.tryReserve()) {
        destroy(s, CloseReason.SHUTDOWN);
      }
    }
    awaitOpen(0, shutdownTimeoutNanos, true);
    long now = ticker.read();
    for (Slot<R> s : slots) {
      Object token = s.token();
      if (s.state() == SlotState.LEASED && token != null) {
        leaks.forceEnd(s, token, LeakSignal.SHUTDOWN, now, shutdownTimeoutNanos);
      }
    }
    // Destroys of forced leases, and creations that will still return, get a bounded grace.
    awaitOpen(0, Math.max(shutdownTimeoutNanos, TimeUnit.SECONDS.toNanos(1)), false);
    PoolRegistry.remove(this);
    if (coarseClock) {
      CoarseClock.unregister();
    }
    worker.shutdown();
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
  }

  /** Waits (real time) until at most {@code target} resources are open, excluding leases if asked. */
  private void awaitOpen(int target, long timeoutNanos, boolean onlyLeasesCount) {
    long remaining = timeoutNanos;
    lock.lock();
    try {
      while (remaining > 0) {
        int busy = onlyLeasesCount ? countLeased() + countClosing() : open.get() - lateCreations;
        if (busy <= target) {
          return;
        }
        remaining = openDecreased.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ diagnostics

  @Override
  public String name() {
    return name;
  }

  @Override
  public PoolConfig config() {
    return config;
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
   * Returns whether abandoned-handle detection is on.
   *
   * @return whether lease tokens are weak references
   */
  public boolean detectAbandoned() {
    return detectAbandoned;
  }

  /**
   * Returns how many collections the pool asked for on exhaustion.
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

  Slot<R>[] slots() {
    return slots;
  }

  /** Leases granted so far: each resource counts its own (no shared write on the hot path). */
  private long acquiredSoFar() {
    long n = counters.leasesOfClosed.get();
    for (Slot<R> s : slots) {
      if (s.state() != SlotState.CLOSED) {
        n += s.leaseCount();
      }
    }
    return n;
  }

  private int countLeased() {
    int n = 0;
    for (Slot<R> s : slots) {
      SlotState st = s.state();
      if (st == SlotState.LEASED || st == SlotState.RESERVED) {
        n++;
      }
    }
    return n;
  }

  private int countClosing() {
    int n = 0;
    for (Slot<R> s : slots) {
      if (s.state() == SlotState.CLOSING) {
        n++;
      }
    }
    return n;
  }

  @Override
  public PoolStats stats() {
    int idle = 0;
    int leased = 0;
    int closing = 0;
    for (Slot<R> s : slots) {
      switch (s.state()) {
        case IDLE -> idle++;
        case LEASED, RESERVED -> leased++;
        case CLOSING -> closing++;
        case CLOSED -> {}
      }
    }
    int creating;
    int waiting;
    lock.lock();
    try {
      creating = connecting + lateCreations;
      waiting = waiters.size();
    } finally {
      lock.unlock();
    }
    counters.observeLeased(leased);
    return new PoolStats(
        name,
        maxSize,
        minIdle,
        open.get(),
        idle,
        leased,
        creating,
        closing,
        waiting,
        acquiredSoFar(),
        counters.waitCount.get(),
        Duration.ofNanos(counters.totalWaitNanos.get()),
        counters.timeouts.get(),
        counters.rejected.get(),
        counters.created.get(),
        counters.createFailures.get(),
        counters.closedByReason(),
        counters.leaksSuspected.get(),
        counters.leaksReclaimed.get(),
        counters.peakLeased.get());
  }

  /** Snapshots the active leases, longest-held first. */
  List<LeaseSnapshot> leaseSnapshots(long now) {
    List<LeaseSnapshot> out = new ArrayList<>();
    for (Slot<R> s : slots) {
      if (s.state() == SlotState.LEASED && s.token() != null) {
        out.add(s.snapshot(now));
      }
    }
    out.sort(Comparator.comparing(LeaseSnapshot::held).reversed());
    return out;
  }

  @Override
  public PoolDump dump() {
    long now = ticker.read();
    CreateError err = lastCreateError;
    return new PoolDump(
        name,
        Instant.now(),
        stats(),
        leaseSnapshots(now),
        siteTable.snapshot(),
        err == null ? null : err.describe() + " (" + Durations.format(now - err.atNanos()) + " ago)");
  }

  @Override
  public List<CallSiteStats> callSiteStats() {
    return siteTable.snapshot();
  }

  /**
   * Describes a lease for messages.
   *
   * @param slot the lease's slot
   * @param token the lease's token
   * @return for example {@code lease 3.17 of pool 'orders' acquired at Foo.bar(Foo.java:9)}
   */
  public String describeLease(Slot<R> slot, Object token) {
    String base = "lease of pool '" + name + "'";
    if (slot.token() != token) {
      return base + " (ended)";
    }
    CallSite site = slot.callSite();
    return "lease "
        + slot.resourceId()
        + "."
        + (slot.leaseId() & 0xffff_ffffL)
        + " of pool '"
        + name
        + "'"
        + (site == null ? "" : " acquired at " + site);
  }

  private AcquireTimeoutException timeout(long waitedNanos, long now) {
    counters.timeouts.incrementAndGet();
    PoolStats s = stats();
    List<LeaseSnapshot> holders = leaseSnapshots(now);
    CreateError err = lastCreateError;
    String message = diagnosis.timeout(waitedNanos, s, holders, err, now);
    List<LeaseSnapshot> top = holders.subList(0, Math.min(Diagnosis.TIMEOUT_HOLDERS, holders.size()));
    listeners.timeout(
        new PoolEvent.Timeout(name, Duration.ofNanos(waitedNanos), s, top, message));
    return new AcquireTimeoutException(
        name, message, err == null ? null : err.error(), Duration.ofNanos(waitedNanos), s, top);
  }

  private PoolClosedException closedException() {
    return new PoolClosedException(
        name, "Pool '" + name + "' is closed; it lends no more " + kind + "s");
  }

  @Override
  public String toString() {
    return "Pool{" + name + ", " + stats().gauges() + "}";
  }
}
