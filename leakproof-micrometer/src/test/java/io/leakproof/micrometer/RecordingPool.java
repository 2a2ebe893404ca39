package io.leakproof.micrometer;

import com.google.errorprone.annotations.MustBeClosed;
import io.leakproof.CallSiteStats;
import io.leakproof.Lease;
import io.leakproof.Pool;
import io.leakproof.PoolConfig;
import io.leakproof.PoolDump;
import io.leakproof.PoolStats;
import io.leakproof.spi.LeaseGrant;
import io.leakproof.spi.LeaseHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A pool that delegates to a real one and remembers the last stats snapshot it handed out and
 * how many it handed out: what the binder read, so a test can compare every meter with it.
 */
final class RecordingPool<R> implements Pool<R> {
  private final Pool<R> delegate;
  final AtomicInteger statsCalls = new AtomicInteger();
  final AtomicInteger callSiteCalls = new AtomicInteger();
  final AtomicReference<PoolStats> lastStats = new AtomicReference<>();
  final AtomicReference<List<CallSiteStats>> lastCallSites = new AtomicReference<>();

  RecordingPool(Pool<R> delegate) {
    this.delegate = delegate;
  }

  @Override
  public PoolStats stats() {
    PoolStats s = delegate.stats();
    lastStats.set(s);
    statsCalls.incrementAndGet();
    return s;
  }

  @Override
  public List<CallSiteStats> callSiteStats() {
    List<CallSiteStats> s = delegate.callSiteStats();
    lastCallSites.set(s);
    callSiteCalls.incrementAndGet();
    return s;
  }

  @Override
  @MustBeClosed
  public Lease<R> acquire() {
    return delegate.acquire();
  }

  @Override
  @MustBeClosed
  public Lease<R> acquire(Duration timeout) {
    return delegate.acquire(timeout);
  }

  @Override
  public <H extends LeaseHandle<R>> H acquire(
      Duration timeout, Function<? super LeaseGrant<R>, ? extends H> handleFactory) {
    return delegate.acquire(timeout, handleFactory);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public PoolConfig config() {
    return delegate.config();
  }

  @Override
  public PoolDump dump() {
    return delegate.dump();
  }

  @Override
  public void softEvict() {
    delegate.softEvict();
  }

  @Override
  public void resize(int maxSize) {
    delegate.resize(maxSize);
  }

  @Override
  public void resize(int minIdle, int maxSize) {
    delegate.resize(minIdle, maxSize);
  }

  @Override
  public boolean isClosed() {
    return delegate.isClosed();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
