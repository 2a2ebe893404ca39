package io.leakproof.internal;

import io.leakproof.CallSite;
import io.leakproof.LeaseEndedException;
import io.leakproof.LeaseInfo;
import io.leakproof.spi.LeaseGrant;
import io.leakproof.spi.LeaseHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One physical resource and the lease currently on it.
 *
 * <p>Implementation notes. {@link #state} is changed only by compare-and-set in {@link #tryMove},
 * through the named transitions below, each checked against {@link SlotState#canMoveTo}. {@link #token} identifies
 * the active lease: the {@link LeaseRef} when abandoned-handle detection is on (so that the slot
 * never holds the handle strongly), or the handle itself when it is off. A lease ends when its
 * token is swapped out by compare-and-set; whoever wins that race (close, invalidate, the leak
 * reaper, the hold-limit sweep, shutdown) owns the end of the lease, which is how a lease ends
 * exactly once. Tokens are fresh objects, so a stale handle can never end a later lease (no ABA).
 *
 * <p>The per-lease fields (holder, call site, acquisition time...) are plain fields written by the
 * acquiring thread before the token is published with a volatile write, and cleared by the thread
 * that ended the lease before the slot is made idle again (also a volatile write). Diagnostics
 * read them racily after reading the token; a snapshot taken while a lease ends may mix two
 * leases, which only affects what a dump prints.
 *
 * @param <R> the resource type
 */
// Lease tokens, slots and threads are compared by identity on purpose.
@SuppressWarnings("ReferenceEquality")
final class Slot<R> implements LeaseGrant<R>, LeaseInfo {

  private static final VarHandle STATE;
  private static final VarHandle TOKEN;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(Slot.class, "state", SlotState.class);
      TOKEN = lookup.findVarHandle(Slot.class, "token", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final RealPool<R> pool;
  private final R resource;
  private final long resourceId;
  private final long createdAtNanos;
  private final long expiresAtNanos;
  private final long epoch;

  @SuppressWarnings("unused") // accessed through STATE
  private volatile SlotState state = SlotState.RESERVED;

  @SuppressWarnings("unused") // accessed through TOKEN
  private volatile Object token;

  // Per-lease facts: written by the acquirer before the token is published.
  private long leaseCount;
  private long acquiredAtNanos;
  private Thread holder;
  private boolean bindable;
  private CallSite callSite;
  private StackTraceElement[] stackTrace;
  private CallSiteTable.Entry siteEntry;
  private String tag;
  private volatile boolean suspected;
  private volatile boolean broken;
  private volatile boolean exposed;

  // What ended the last lease, so that a stale handle gets a precise message. Plain: written
  // after the token's compare-and-set; a stale handle reading them racily gets a vaguer message.
  private Object endedToken;
  private String endedHow;

  // Call-site sampling: counts leases down to the next one sampled. Owned by the lease holder.
  // Started at a random phase on the resource's first lease (see sampleNext).
  private int sampleCountdown;
  private boolean sampleStarted;

  // Idle bookkeeping: written before the move to IDLE.
  private long lastHoldNanos;
  private long idleSinceNanos;
  private long lastValidatedNanos;

  Slot(
      RealPool<R> pool,
      R resource,
      long resourceId,
      long createdAtNanos,
      long expiresAtNanos,
      long epoch) {
    this.pool = pool;
    this.resource = resource;
    this.resourceId = resourceId;
    this.createdAtNanos = createdAtNanos;
    this.expiresAtNanos = expiresAtNanos;
    this.epoch = epoch;
    this.idleSinceNanos = createdAtNanos;
    this.lastValidatedNanos = createdAtNanos;
  }

  // ---------------------------------------------------------------- state transitions

  SlotState state() {
    return (SlotState) STATE.getVolatile(this);
  }

  boolean isIdle() {
    return STATE.getVolatile(this) == SlotState.IDLE;
  }

  /** IDLE → LEASED, for a borrower taking an idle resource. */
  boolean tryLease() {
    return tryMove(SlotState.IDLE, SlotState.LEASED);
  }

  /** IDLE → RESERVED, for a hand-off to a waiter, a keepalive check or a close. */
  boolean tryReserve() {
    return tryMove(SlotState.IDLE, SlotState.RESERVED);
  }

  /** RESERVED → LEASED, by the waiter the slot was handed to. */
  void leaseReserved() {
    move(SlotState.RESERVED, SlotState.LEASED);
  }

  /** LEASED or RESERVED → IDLE, by the owner of the slot. */
  void moveToIdle() {
    SlotState from = state();
    move(from, SlotState.IDLE);
  }

  /** Any live state → CLOSING, by the owner of the slot (or after taking IDLE). */
  void moveToClosing() {
    SlotState from = state();
    move(from, SlotState.CLOSING);
  }

  /** CLOSING → CLOSED, after destroy returned. */
  void moveToClosed() {
    move(SlotState.CLOSING, SlotState.CLOSED);
  }

  /**
   * The one place a slot changes state: a legal move (see {@link SlotState#canMoveTo}) by
   * compare-and-set. Returns false if the slot was not in {@code from} (another thread won).
   */
  private boolean tryMove(SlotState from, SlotState to) {
    if (!from.canMoveTo(to)) {
      throw new IllegalStateException("Illegal slot transition " + from + " -> " + to + " " + this);
    }
    return STATE.compareAndSet(this, from, to);
  }

  /** A move by the slot's owner, which must succeed: failing means the state machine broke. */
  private void move(SlotState from, SlotState to) {
    if (!tryMove(from, to)) {
      throw new IllegalStateException(
          "Illegal slot transition " + from + " -> " + to + " (now " + state() + ") " + this);
    }
  }

  // ---------------------------------------------------------------- lease lifecycle

  /** Records the facts of a new lease; the slot is LEASED by the calling thread. */
  void beginLease(long nowNanos, Thread thread) {
    leaseCount++;
    acquiredAtNanos = nowNanos;
    holder = thread;
    if (suspected) {
      suspected = false; // a volatile write only when it is needed
    }
    bindable = true;
  }

  void setCallSite(CallSite site, StackTraceElement[] stack, CallSiteTable.Entry entry) {
    this.callSite = site;
    this.stackTrace = stack;
    this.siteEntry = entry;
  }

  void setTag(String tag) {
    this.tag = tag;
  }

  @Override
  public Object bind(LeaseHandle<R> handle) {
    if (!bindable || holder != Thread.currentThread() || token() != null) {
      throw grantMisused();
    }
    bindable = false;
    Object t = pool.detectAbandoned() ? new LeaseRef(handle, this) : handle;
    TOKEN.setRelease(this, t); // publishes the per-lease facts written before it
    return t;
  }

  private IllegalStateException grantMisused() {
    return new IllegalStateException(
        "This LeaseGrant of pool '"
            + pool.name()
            + "' was already used or has expired: pass it straight to the LeaseHandle"
            + " constructor inside the handle factory");
  }

  /** Closes the binding window when the handle factory returned without binding. */
  void closeBinding() {
    bindable = false;
  }

  /** Returns the token of the active lease, or {@code null}. */
  Object token() {
    return TOKEN.getVolatile(this);
  }

  @Override
  public Object activeToken() {
    return TOKEN.getVolatile(this);
  }

  @Override
  public boolean end(Object token, boolean invalidate) {
    return pool.release(this, token, invalidate);
  }

  @Override
  public boolean reportFailure(Object token, Throwable failure) {
    return pool.reportFailure(this, token, failure);
  }

  @Override
  public long poolNanoTime() {
    return pool.ticker().read();
  }

  @Override
  public String describeLease(Object token) {
    return pool.describeLease(this, token);
  }

  /**
   * Ends the lease identified by {@code expected}.
   *
   * @return whether this call ended it (false if it had already ended)
   */
  boolean tryEndLease(Object expected, String how) {
    if (expected == null || !TOKEN.compareAndSet(this, expected, null)) {
      return false;
    }
    endedToken = expected;
    endedHow = how;
    if (expected instanceof LeaseRef ref) {
      ref.clear();
    }
    return true;
  }

  /**
   * Ends the lease identified by {@code expected} on its holder's request: the common case, kept
   * lean. The weak reference is not cleared and not remembered: if the handle is dropped later,
   * the reference becomes unreachable with it and is never enqueued.
   *
   * @return whether this call ended it (false if it had already ended)
   */
  boolean tryEndLeaseByHolder(Object expected) {
    return expected != null && TOKEN.compareAndSet(this, expected, null);
  }

  /** Clears the per-lease facts after the lease ended; called by the path that ended it. */
  void clearLease() {
    holder = null;
    callSite = null;
    stackTrace = null;
    siteEntry = null;
    tag = null;
    bindable = false;
  }

  @Override
  public LeaseEndedException leaseEnded(Object handleToken) {
    // Ends by the pool (reclaim, hold limit, shutdown) are remembered; a stale handle whose
    // lease was not ended by the pool was closed or invalidated by its holder.
    String how = handleToken == endedToken ? endedHow : "closed by its holder";
    return new LeaseEndedException(
        "This lease of pool '"
            + pool.name()
            + "' has ended"
            + (how != null ? " (" + how + ")" : "")
            + "; the handle can no longer reach the resource, which may belong to another"
            + " borrower now. Do not use a lease, or a Connection, Statement or ResultSet, after"
            + " it was closed.");
  }

  void markSuspected() {
    suspected = true;
  }

  boolean suspected() {
    return suspected;
  }

  void markBroken() {
    broken = true;
  }

  boolean broken() {
    return broken;
  }

  @Override
  public void markExposed(Object expectedToken) {
    if (token() == expectedToken) {
      exposed = true;
    }
  }

  boolean exposed() {
    return exposed;
  }

  CallSiteTable.Entry siteEntry() {
    return siteEntry;
  }

  // ---------------------------------------------------------------- idle bookkeeping

  void markIdleSince(long nowNanos) {
    idleSinceNanos = nowNanos;
  }

  /** Replaces the lease's start with a precise reading (for leases whose hold time is needed). */
  void preciseStart(long nowNanos) {
    acquiredAtNanos = nowNanos;
  }

  /**
   * Counts down to the next sampled lease of this resource.
   *
   * @param rate one lease in {@code rate} is sampled, on average
   * @return whether this lease is sampled
   */
  boolean sampleNext(int rate) {
    if (--sampleCountdown > 0) {
      return false;
    }
    return sampleDue(rate);
  }

  /**
   * The countdown ran out: this lease is sampled, unless it is the resource's first, which only
   * starts the countdown at a random phase (a first lease is then sampled with probability about
   * one in {@code rate}, like any other; a countdown starting at zero sampled the first lease of
   * every new resource, and with it every statement of a connection held for a whole job).
   */
  private boolean sampleDue(int rate) {
    restartSampleCountdown(rate);
    if (sampleStarted) {
      return true;
    }
    sampleStarted = true;
    if (--sampleCountdown > 0) {
      return false;
    }
    restartSampleCountdown(rate);
    return true;
  }

  /** Uniform in [1, 2 × rate - 1]: mean {@code rate}, and every lease when the rate is 1. */
  private void restartSampleCountdown(int rate) {
    sampleCountdown =
        1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(Math.max(1, 2 * rate - 1));
  }

  /** Returns how many leases this resource has had (read racily by stats). */
  long leaseCount() {
    return leaseCount;
  }

  /** Records how long the lease that just ended was held (read racily to judge typical holds). */
  void recordHold(long holdNanos) {
    lastHoldNanos = holdNanos;
  }

  long lastHoldNanos() {
    return lastHoldNanos;
  }

  void markValidated(long nowNanos) {
    lastValidatedNanos = nowNanos;
  }

  long idleSinceNanos() {
    return idleSinceNanos;
  }

  /**
   * The last time the pool itself saw the resource work: created, or validated. A borrower's
   * return is not such a proof after a failure elsewhere: its last successful call may predate
   * the failure by the whole hold.
   */
  long lastVerifiedNanos() {
    return lastValidatedNanos;
  }

  /** The last time the resource was known to work: returned by a borrower, or validated. */
  long lastUsedNanos() {
    return Math.max(idleSinceNanos, lastValidatedNanos);
  }

  // ---------------------------------------------------------------- accessors

  RealPool<R> pool() {
    return pool;
  }

  @Override
  public R resource() {
    return resource;
  }

  long createdAtNanos() {
    return createdAtNanos;
  }

  long expiresAtNanos() {
    return expiresAtNanos;
  }

  long epoch() {
    return epoch;
  }

  // ---------------------------------------------------------------- LeaseInfo

  @Override
  public String poolName() {
    return pool.name();
  }

  @Override
  public long leaseId() {
    return (resourceId << 32) | (leaseCount & 0xffff_ffffL);
  }

  @Override
  public long resourceId() {
    return resourceId;
  }

  @Override
  public Thread holder() {
    return holder;
  }

  @Override
  public CallSite callSite() {
    return callSite;
  }

  @Override
  public StackTraceElement[] stackTrace() {
    return stackTrace == null ? null : stackTrace.clone();
  }

  @Override
  public String tag() {
    return tag;
  }

  @Override
  public long acquiredAtNanos() {
    return acquiredAtNanos;
  }

  @Override
  public String toString() {
    return "Slot{pool=" + pool.name() + ", resource=" + resourceId + ", state=" + state() + "}";
  }
}
