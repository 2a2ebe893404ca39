package io.leakproof;

/**
 * What is known about one lease, as seen by a {@link io.leakproof.spi.PoolListener} during a
 * callback.
 *
 * <p>The object is a live view of pool state and is valid only for the duration of the callback:
 * read what you need and keep copies ({@link #snapshot}), never the object itself. Keeping it
 * would also keep the pool's internal state reachable.
 */
public interface LeaseInfo {

  /**
   * Returns the name of the pool.
   *
   * @return the pool name
   */
  String poolName();

  /**
   * Returns the lease number, unique within the pool.
   *
   * @return a positive sequence number
   */
  long leaseId();

  /**
   * Returns the number of the physical resource, unique within the pool.
   *
   * @return a positive sequence number
   */
  long resourceId();

  /**
   * Returns the thread that acquired the lease.
   *
   * @return the holder thread
   */
  Thread holder();

  /**
   * Returns the acquisition call site, when it was captured.
   *
   * @return the call site, or {@code null}
   */
  CallSite callSite();

  /**
   * Returns the acquisition stack, when stacks are captured.
   *
   * @return the stack frames, innermost first, or {@code null}
   */
  StackTraceElement[] stackTrace();

  /**
   * Returns the tag read from {@link PoolConfig#tagSupplier()} at acquisition (for example a
   * trace id).
   *
   * @return the tag, or {@code null}
   */
  String tag();

  /**
   * Returns when the lease was acquired, on the pool's {@link Ticker}.
   *
   * @return ticker nanoseconds
   */
  long acquiredAtNanos();

  /**
   * Copies this view into an immutable value.
   *
   * @param nowNanos the current ticker time, to compute the hold time
   * @return a snapshot
   */
  default LeaseSnapshot snapshot(long nowNanos) {
    return LeaseSnapshot.of(this, nowNanos);
  }
}
