package io.leakproof.spi;

import io.leakproof.CallSite;
import io.leakproof.LeaseEndedException;

/**
 * The pool's side of one lease, as a {@link LeaseHandle} sees it. The pool passes a grant to the
 * handle factory given to {@link io.leakproof.Pool#acquire(java.time.Duration,
 * java.util.function.Function)}; the factory passes it straight to the handle's constructor,
 * which binds itself once ({@link #bind}) and from then on reaches the lease only through the
 * token it got back.
 *
 * <p>Integrators never implement or call this interface: {@link LeaseHandle}'s protected methods
 * are the API. Its methods are public only because the engine that implements them lives in
 * another package; each one checks the token, so a handle can only ever act on its own lease.
 *
 * @param <R> the resource type
 */
public interface LeaseGrant<R> {

  /**
   * Binds the handle being constructed to this lease, once, from the acquiring thread.
   *
   * @param handle the handle
   * @return the token that identifies the lease from now on
   * @throws IllegalStateException if the grant was already used or has expired
   */
  Object bind(LeaseHandle<R> handle);

  /**
   * Returns the token of the active lease, or {@code null} between leases.
   *
   * @return the token
   */
  Object activeToken();

  /**
   * Returns the resource (the caller checks its token first).
   *
   * @return the resource
   */
  R resource();

  /**
   * Builds the exception a stale handle throws.
   *
   * @param token the handle's token
   * @return the exception, saying what ended the lease
   */
  LeaseEndedException leaseEnded(Object token);

  /**
   * Ends the lease identified by {@code token}.
   *
   * @param token the handle's token
   * @param invalidate whether to destroy the resource instead of reusing it
   * @return whether this call ended it
   */
  boolean end(Object token, boolean invalidate);

  /**
   * Records a failure of the resource, if {@code token} is still the active lease.
   *
   * @param token the handle's token
   * @param failure what the resource threw
   * @return whether the factory classified it as broken
   */
  boolean reportFailure(Object token, Throwable failure);

  /**
   * Records that the raw resource escaped the handle of the lease {@code token}.
   *
   * @param token the handle's token
   */
  void markExposed(Object token);

  /**
   * Returns when the current lease was acquired, on the pool's ticker.
   *
   * @return ticker nanoseconds
   */
  long acquiredAtNanos();

  /**
   * Returns the current lease's call site, when captured.
   *
   * @return the call site, or {@code null}
   */
  CallSite callSite();

  /**
   * Returns the current time on the pool's ticker.
   *
   * @return ticker nanoseconds
   */
  long poolNanoTime();

  /**
   * Returns the name of the pool.
   *
   * @return the pool name
   */
  String poolName();

  /**
   * Describes the lease {@code token} for messages.
   *
   * @param token the handle's token
   * @return for example {@code lease 3.17 of pool 'orders' acquired at Foo.bar(Foo.java:9)}
   */
  String describeLease(Object token);
}
