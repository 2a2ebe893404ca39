package io.leakproof.spi;

import io.leakproof.CallSite;
import java.util.Objects;

/**
 * The base of every object that represents one lease to a borrower: the core's
 * {@link io.leakproof.Lease}, and an adapter's own wrapper (the JDBC module's Connection is a
 * LeaseHandle, so a JDBC borrow allocates one object, not two).
 *
 * <p>A handle is created fresh for every lease. The pool keeps only a weak reference to it: when
 * the handle becomes unreachable while its lease is active, the pool proves a leak and reclaims
 * the resource. Subclasses must therefore keep everything the borrower holds (statements, result
 * sets) pointing back to the handle, and must call {@link java.lang.ref.Reference#reachabilityFence}
 * on the handle after any use of the resource inside their own methods, so that a handle is not
 * collected while one of its methods is still using the resource.
 *
 * <p>The methods here are final and thread-safe. Ending a lease (return, invalidate, reclaim,
 * shutdown) happens exactly once, whichever path gets there first.
 *
 * @param <R> the resource type
 */
public abstract class LeaseHandle<R> {

  private final LeaseGrant<R> slot;
  private final Object token;

  /**
   * Binds this handle to the lease the grant stands for.
   *
   * @param grant the grant the pool passed to the handle factory
   * @throws NullPointerException if the grant is null
   * @throws IllegalStateException if the grant was already used or has expired
   */
  // The handle registers itself as the referent of its lease's weak reference; the reference
  // only ever compares and clears it, never calls it, so the early escape is harmless.
  @SuppressWarnings("this-escape")
  protected LeaseHandle(LeaseGrant<R> grant) {
    this.slot = Objects.requireNonNull(grant, "grant");
    this.token = slot.bind(this);
  }

  /**
   * Returns the resource, checking that the lease is still active.
   *
   * @return the resource
   * @throws io.leakproof.LeaseEndedException if the lease has ended
   */
  @SuppressWarnings("ReferenceEquality") // lease tokens are compared by identity on purpose
  protected final R resource() {
    if (slot.activeToken() != token) {
      throw slot.leaseEnded(token);
    }
    return slot.resource();
  }

  /**
   * Returns whether the lease is still active.
   *
   * @return {@code false} once it has ended
   */
  @SuppressWarnings("ReferenceEquality") // lease tokens are compared by identity on purpose
  protected final boolean leaseActive() {
    return slot.activeToken() == token;
  }

  /**
   * Ends the lease and returns the resource to the pool (after the factory's reset).
   *
   * @return {@code true} if this call ended the lease, {@code false} if it had already ended
   */
  protected final boolean endLease() {
    return slot.end(token, false);
  }

  /**
   * Ends the lease and destroys the resource.
   *
   * @return {@code true} if this call ended the lease, {@code false} if it had already ended
   */
  protected final boolean invalidateLease() {
    return slot.end(token, true);
  }

  /**
   * Reports a failure of the resource; if the factory classifies it as broken, the resource is
   * destroyed when the lease ends.
   *
   * @param failure what the resource threw
   * @return whether it was classified as broken
   */
  protected final boolean reportResourceFailure(Throwable failure) {
    return slot.reportFailure(token, failure);
  }

  /**
   * Records that the raw resource escaped the handle (for example through JDBC's
   * {@code unwrap}): if the lease is ever reclaimed, the resource is destroyed, never reused.
   */
  protected final void markResourceExposed() {
    slot.markExposed(token);
  }

  /**
   * Returns when the lease was acquired, on the pool's ticker. Valid while the lease is active
   * (read it in the subclass constructor to keep it).
   *
   * @return ticker nanoseconds
   */
  protected final long leaseAcquiredAtNanos() {
    return slot.acquiredAtNanos();
  }

  /**
   * Returns the call site of this lease, when the pool captured it (see
   * {@link io.leakproof.CallSiteCapture}). Adapters use it to decide whether to capture the
   * creation sites of the lease's children (statements) too.
   *
   * @return the call site, or {@code null} when not captured or when the lease has ended
   */
  @SuppressWarnings("ReferenceEquality") // lease tokens are compared by identity on purpose
  protected final CallSite leaseCallSite() {
    CallSite site = slot.callSite();
    return slot.activeToken() == token ? site : null;
  }

  /**
   * Returns how long the lease has been held, on the pool's ticker.
   *
   * @return nanoseconds since acquisition
   */
  protected final long leaseHeldNanos() {
    return slot.poolNanoTime() - slot.acquiredAtNanos();
  }

  /**
   * Returns the current time on the pool's ticker.
   *
   * @return ticker nanoseconds
   */
  protected final long poolNanoTime() {
    return slot.poolNanoTime();
  }

  /**
   * Returns the name of the pool this lease came from.
   *
   * @return the pool name
   */
  protected final String poolName() {
    return slot.poolName();
  }

  /**
   * Describes the lease for messages: pool, lease number and call site when captured.
   *
   * @return a short description
   */
  protected final String describeLease() {
    return slot.describeLease(token);
  }
}
