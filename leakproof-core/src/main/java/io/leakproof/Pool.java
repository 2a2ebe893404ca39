package io.leakproof;

import com.google.errorprone.annotations.MustBeClosed;
import io.leakproof.internal.RealPool;
import io.leakproof.spi.LeaseGrant;
import io.leakproof.spi.LeaseHandle;
import io.leakproof.spi.ResourceFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A pool of resources whose limit always holds, whose waiters are served in arrival order, and
 * which leaked leases cannot exhaust.
 *
 * <pre>{@code
 * PoolConfig config = PoolConfig.builder().name("sockets").maxSize(4).build();
 * try (Pool<Socket> pool = Pool.open(config, socketFactory);
 *     Lease<Socket> lease = pool.acquire()) {
 *   lease.get().getOutputStream().write(request);
 * }
 * }</pre>
 *
 * <p>All methods are safe to call from any thread, including virtual threads: waiting parks the
 * caller, never pins a carrier.
 *
 * @param <R> the resource type
 */
// @MustBeClosed is read by Error Prone, whose users have its annotations; the module does not
// re-export them, so that an application module compiles without them (ModulePathTest).
@SuppressWarnings("exports")
public interface Pool<R> extends AutoCloseable {

  /**
   * Opens a pool. Creation of the first {@link PoolConfig#minIdle()} resources starts in the
   * background at once; this method does not wait for it.
   *
   * @param config the validated configuration
   * @param factory creates, validates, resets and destroys resources
   * @param <R> the resource type
   * @return the open pool
   * @throws NullPointerException if config or factory is null
   */
  static <R> Pool<R> open(PoolConfig config, ResourceFactory<R> factory) {
    return RealPool.open(config, factory);
  }

  /**
   * Borrows a resource, waiting up to {@link PoolConfig#acquireTimeout()}.
   *
   * @return a fresh lease; close it to give the resource back
   * @throws AcquireTimeoutException if none became available in time (the message says who holds
   *     the pool)
   * @throws PoolOverloadedException if {@link PoolConfig#maxWaiting()} callers are already waiting
   * @throws PoolClosedException if the pool is closed or closes while waiting
   * @throws AcquireInterruptedException if the thread is interrupted while waiting
   */
  @MustBeClosed
  Lease<R> acquire();

  /**
   * Borrows a resource, waiting up to {@code timeout}.
   *
   * @param timeout how long to wait; {@link Duration#ZERO} means take an idle resource or fail
   * @return a fresh lease; close it to give the resource back
   * @throws IllegalArgumentException if timeout is negative
   * @throws AcquireTimeoutException if none became available in time
   * @throws PoolOverloadedException if {@link PoolConfig#maxWaiting()} callers are already waiting
   * @throws PoolClosedException if the pool is closed or closes while waiting
   * @throws AcquireInterruptedException if the thread is interrupted while waiting
   */
  @MustBeClosed
  Lease<R> acquire(Duration timeout);

  /**
   * Borrows a resource wrapped in an adapter's own handle (the JDBC module's Connection), so that
   * one object per borrow serves as both the lease and the wrapper. For adapters; applications
   * use {@link #acquire()}.
   *
   * <pre>{@code
   * LeakproofConnection c = pool.acquire(timeout, grant -> new LeakproofConnection(grant, ...));
   * }</pre>
   *
   * @param timeout how long to wait, or {@code null} for {@link PoolConfig#acquireTimeout()}
   * @param handleFactory constructs the handle from the grant, on the calling thread; if it
   *     throws, the resource goes back to the pool and the exception propagates
   * @param <H> the handle type
   * @return the handle, bound to a fresh lease
   * @throws IllegalArgumentException if timeout is negative
   * @throws IllegalStateException if the factory returned a handle not built from the grant
   * @throws AcquireTimeoutException if none became available in time
   * @throws PoolOverloadedException if {@link PoolConfig#maxWaiting()} callers are already waiting
   * @throws PoolClosedException if the pool is closed or closes while waiting
   * @throws AcquireInterruptedException if the thread is interrupted while waiting
   */
  <H extends LeaseHandle<R>> H acquire(
      Duration timeout, Function<? super LeaseGrant<R>, ? extends H> handleFactory);

  /**
   * Returns the pool's name.
   *
   * @return the name from {@link PoolConfig#name()}
   */
  String name();

  /**
   * Returns the configuration the pool was opened with (maxSize and minIdle as of the last
   * {@link #resize}).
   *
   * @return the configuration
   */
  PoolConfig config();

  /**
   * Returns a snapshot of the pool's state and counters.
   *
   * @return the stats
   */
  PoolStats stats();

  /**
   * Returns every lease with its holder, hold time, call site and stack (when captured), the
   * stats and the per-call-site table: the pool's answer to a goroutine dump.
   *
   * @return the dump; render it with {@link PoolDump#toText()} or {@link PoolDump#toJson()}
   */
  PoolDump dump();

  /**
   * Returns statistics per acquisition call site, busiest first.
   *
   * @return the table (empty when call sites are not captured)
   */
  List<CallSiteStats> callSiteStats();

  /**
   * Retires every resource: idle ones are closed now, leased ones when they come back. New
   * resources are created as needed. Use after a database failover or a credential rotation.
   */
  void softEvict();

  /**
   * Changes maxSize at run time, keeping minIdle (or letting it follow maxSize when it was not
   * set). Growing lets waiters be served at once; shrinking closes idle resources now and leased
   * ones when they come back, so the number of physical resources falls to the new limit as
   * leases end.
   *
   * @param maxSize the new maximum
   * @throws IllegalArgumentException if maxSize is below 1 or below an explicitly set minIdle
   * @throws PoolClosedException if the pool is closed
   */
  void resize(int maxSize);

  /**
   * Changes minIdle and maxSize at run time.
   *
   * @param minIdle the new minimum of idle resources
   * @param maxSize the new maximum
   * @throws IllegalArgumentException if maxSize is below 1 or minIdle is negative or above maxSize
   * @throws PoolClosedException if the pool is closed
   */
  void resize(int minIdle, int maxSize);

  /**
   * Returns whether {@link #close()} has been called.
   *
   * @return whether the pool is closed or closing
   */
  boolean isClosed();

  /**
   * Closes the pool gracefully: stops lending (waiters get {@link PoolClosedException} at once),
   * closes idle resources, waits up to {@link PoolConfig#shutdownTimeout()} for leases to come
   * back, reports the ones still held with their call sites, then ends them and closes their
   * resources. Idempotent; later calls return at once.
   */
  @Override
  void close();
}
