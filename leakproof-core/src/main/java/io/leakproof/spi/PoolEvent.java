package io.leakproof.spi;

import io.leakproof.CloseReason;
import io.leakproof.LeakSignal;
import io.leakproof.LeaseSnapshot;
import io.leakproof.PoolStats;
import java.time.Duration;
import java.util.List;

/** The events a {@link PoolListener} receives (other than the allocation-free acquire/release). */
public sealed interface PoolEvent {

  /**
   * Returns the name of the pool the event comes from.
   *
   * @return the pool name
   */
  String poolName();

  /**
   * A physical resource was created.
   *
   * @param poolName the pool
   * @param resourceId the resource number
   * @param resource the factory's description of the resource
   * @param took how long the creation took
   */
  record Created(String poolName, long resourceId, String resource, Duration took)
      implements PoolEvent {}

  /**
   * A creation failed or passed its deadline.
   *
   * @param poolName the pool
   * @param error what the factory threw, or a timeout description
   * @param took how long the attempt took (the deadline for a timeout)
   * @param timedOut whether the creation passed its deadline (its slot stays reserved until the
   *     factory returns)
   * @param consecutiveFailures failures in a row, this one included
   */
  record CreateFailed(
      String poolName, Throwable error, Duration took, boolean timedOut, int consecutiveFailures)
      implements PoolEvent {}

  /**
   * A physical resource was closed.
   *
   * @param poolName the pool
   * @param resourceId the resource number
   * @param resource the factory's description of the resource
   * @param reason why it was closed
   * @param age how long the resource existed
   * @param error what destroy threw, or {@code null}
   */
  record Closed(
      String poolName,
      long resourceId,
      String resource,
      CloseReason reason,
      Duration age,
      Throwable error)
      implements PoolEvent {}

  /**
   * An acquisition succeeded after a long wait.
   *
   * @param poolName the pool
   * @param lease the lease acquired
   * @param waited how long it waited
   */
  record SlowAcquire(String poolName, LeaseSnapshot lease, Duration waited) implements PoolEvent {}

  /**
   * An acquisition timed out.
   *
   * @param poolName the pool
   * @param waited how long it waited
   * @param stats the pool's state
   * @param longestHeld the longest-held leases, longest first
   * @param message the diagnosis the caller received
   */
  record Timeout(
      String poolName,
      Duration waited,
      PoolStats stats,
      List<LeaseSnapshot> longestHeld,
      String message)
      implements PoolEvent {}

  /**
   * An acquisition was refused at once.
   *
   * @param poolName the pool
   * @param waiting callers waiting at the time
   * @param maxWaiting the limit
   */
  record Rejected(String poolName, int waiting, int maxWaiting) implements PoolEvent {}

  /**
   * A leak signal fired for one lease.
   *
   * @param poolName the pool
   * @param signal which signal
   * @param lease the lease: holder, hold time, call site and stack when captured
   * @param stats the pool's state at the time
   * @param message the full report, ending with the next step to take
   */
  record Leak(
      String poolName, LeakSignal signal, LeaseSnapshot lease, PoolStats stats, String message)
      implements PoolEvent {}
}
