package io.leakproof;

import java.time.Duration;

/**
 * One borrowing of a pooled resource: a fresh handle for every {@link Pool#acquire()}.
 *
 * <p>Close it (try-with-resources) to give the resource back. A lease ends exactly once: by
 * {@link #close()}, by {@link #invalidate()}, by the pool reclaiming it (the handle became
 * unreachable while leased, or it passed {@link PoolConfig#maxHoldTime()}), or at shutdown. After
 * it ended, {@link #get()} throws {@link LeaseEndedException}; the handle never reaches a
 * resource that was lent to someone else.
 *
 * <pre>{@code
 * try (Lease<Socket> lease = pool.acquire()) {
 *   Socket socket = lease.get();
 *   ...
 * }
 * }</pre>
 *
 * <p>Keep the lease reachable for as long as you use the resource: the pool treats a lease whose
 * handle was garbage-collected as leaked, and destroys its resource.
 *
 * @param <R> the resource type
 */
public interface Lease<R> extends AutoCloseable {

  /**
   * Returns the leased resource.
   *
   * @return the resource
   * @throws LeaseEndedException if the lease has ended
   */
  R get();

  /**
   * Returns the resource to the pool. Idempotent: closing an ended lease does nothing.
   */
  @Override
  void close();

  /**
   * Ends the lease and destroys the resource instead of returning it (use when the resource is
   * in an unknown state). Idempotent.
   */
  void invalidate();

  /**
   * Tells the pool that using the resource failed; if the pool's
   * {@link io.leakproof.spi.ResourceFactory#isBroken factory classifies the failure as broken},
   * the resource is destroyed when the lease ends instead of being lent again.
   *
   * @param failure what the resource threw
   * @return whether the failure was classified as "resource broken"
   */
  boolean reportFailure(Throwable failure);

  /**
   * Returns whether the lease is still active.
   *
   * @return {@code false} once the lease has ended
   */
  boolean isActive();

  /**
   * Returns how long the lease has been held.
   *
   * @return the time since acquisition (it keeps growing after the lease ended)
   */
  Duration heldFor();
}
