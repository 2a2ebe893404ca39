package io.leakproof.internal;

import io.leakproof.Lease;
import io.leakproof.spi.LeaseGrant;
import io.leakproof.spi.LeaseHandle;
import java.time.Duration;

/**
 * The generic lease handle returned by {@link io.leakproof.Pool#acquire()}. One small object per
 * borrow; everything else about the lease lives in its slot.
 *
 * @param <R> the resource type
 */
final class RealLease<R> extends LeaseHandle<R> implements Lease<R> {
  private final long acquiredAtNanos;

  RealLease(LeaseGrant<R> grant) {
    super(grant);
    this.acquiredAtNanos = leaseAcquiredAtNanos();
  }

  @Override
  public R get() {
    return resource();
  }

  @Override
  public void close() {
    endLease();
  }

  @Override
  public void invalidate() {
    invalidateLease();
  }

  @Override
  public boolean reportFailure(Throwable failure) {
    return reportResourceFailure(failure);
  }

  @Override
  public boolean isActive() {
    return leaseActive();
  }

  @Override
  public Duration heldFor() {
    return Duration.ofNanos(Math.max(0, poolNanoTime() - acquiredAtNanos));
  }

  @Override
  public String toString() {
    return describeLease();
  }
}
