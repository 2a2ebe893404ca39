package io.leakproof.internal;

import io.leakproof.CloseReason;
import io.leakproof.LeakSignal;
import io.leakproof.PoolConfig;
import java.util.concurrent.TimeUnit;

/**
 * The operations that change the pool as a whole: soft eviction, resize and shutdown.
 *
 * <p>Implementation notes: {@link #config} changes only in {@link #resize}, under this object's
 * monitor (resizes are rare and never block inside it). Shutdown closes the wait queue first (no
 * caller queues after it), destroys what is idle, proves abandoned leases (one collection, see
 * {@link LeakWatch#proveAbandonedBeforeShutdown}), waits up to {@code shutdownTimeout} for the
 * live leases to come back, then ends the rest from the pool's side.
 *
 * @param <R> the resource type
 */
final class Lifecycle<R> {
  private final Settings settings;
  private final SlotTable<R> slots;
  private final HandOff<R> handOff;
  private final Creator<R> creator;
  private final Freshness<R> freshness;
  private final Resources<R> resources;
  private final LeakWatch<R> leaks;
  private final Runnable stopBackground;
  private volatile PoolConfig config;

  /**
   * Wires the operations.
   *
   * @param stopBackground stops the housekeeper, the workers and anything else the pool started
   */
  Lifecycle(
      PoolConfig config,
      Settings settings,
      SlotTable<R> slots,
      HandOff<R> handOff,
      Creator<R> creator,
      Freshness<R> freshness,
      Resources<R> resources,
      LeakWatch<R> leaks,
      Runnable stopBackground) {
    this.config = config;
    this.settings = settings;
    this.slots = slots;
    this.handOff = handOff;
    this.creator = creator;
    this.freshness = freshness;
    this.resources = resources;
    this.leaks = leaks;
    this.stopBackground = stopBackground;
  }

  PoolConfig config() {
    return config;
  }

  void softEvict() {
    if (handOff.isClosed()) {
      return;
    }
    freshness.evictUpTo(creator.lastResourceId());
    long epoch = freshness.epoch();
    for (Slot<R> s : slots.all()) {
      if (s.epoch() < epoch && s.tryReserve()) {
        resources.destroy(s, CloseReason.EVICTED);
      }
    }
    creator.fill();
  }

  /** Resize to {@code newMaxSize}; minIdle follows it unless it was set explicitly. */
  void resize(int newMaxSize) {
    PoolConfig c = config;
    resize(c.minIdleSet() ? c.minIdle() : newMaxSize, newMaxSize, !c.minIdleSet());
  }

  void resize(int newMinIdle, int newMaxSize, boolean minIdleFollows) {
    if (newMaxSize < 1) {
      throw new IllegalArgumentException("maxSize must be >= 1 but was " + newMaxSize);
    }
    if (newMinIdle < 0 || newMinIdle > newMaxSize) {
      throw new IllegalArgumentException(
          "minIdle must be between 0 and maxSize (" + newMaxSize + ") but was " + newMinIdle);
    }
    if (handOff.isClosed()) {
      throw RealPool.closedException(settings);
    }
    synchronized (this) {
      slots.limits(newMinIdle, newMaxSize);
      PoolConfig.Builder b = config.toBuilder().maxSize(newMaxSize);
      config = (minIdleFollows ? b : b.minIdle(newMinIdle)).build();
    }
    int excess = slots.open() - newMaxSize;
    for (Slot<R> s : slots.all()) {
      if (excess <= 0) {
        break;
      }
      if (s.tryReserve()) {
        resources.destroy(s, CloseReason.RESIZED);
        excess--;
      }
    }
    creator.fill();
    handOff.drain();
  }

  void close() {
    if (!handOff.close()) {
      return;
    }
    for (Slot<R> s : slots.all()) {
      if (s.tryReserve()) {
        resources.destroy(s, CloseReason.SHUTDOWN);
      }
    }
    // Leases whose handles were dropped would otherwise hold close() for the whole timeout and
    // then be misreported as shutdown closures: prove them first, then wait for the live holders.
    leaks.proveAbandonedBeforeShutdown();
    slots.await(() -> slots.busy() + slots.closing(), 0, settings.shutdownTimeoutNanos);
    long now = settings.ticker.read();
    for (Slot<R> s : slots.all()) {
      Object token = s.token();
      if (s.state() == SlotState.LEASED && token != null) {
        leaks.forceEnd(s, token, LeakSignal.SHUTDOWN, now, settings.shutdownTimeoutNanos);
      }
    }
    // Destroys of forced leases, and creations that will still return, get a bounded grace.
    slots.await(
        () -> slots.open() - creator.late(),
        0,
        Math.max(settings.shutdownTimeoutNanos, TimeUnit.SECONDS.toNanos(1)));
    stopBackground.run();
  }
}
